package io.seedship.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.token.TokenCache;
import io.seedship.contracts.Samples;
import io.seedship.contracts.Topics;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.broker.BrokerCredentials;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.security.SeedshipRole;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.replay.ReplayController;
import io.seedship.runtime.test.ServiceHttp;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TestDatabases;
import io.seedship.runtime.test.TopicReader;
import io.seedship.runtime.testapp.stage.StageTestApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SRE tools of the {@code seedship} command on a real broker with identities (the command as {@code sre}): a
 * stage that takes seed requests runs as staging-service (its principal, its group) and fails requests by "fail"
 * until the test fixes that. Dead letters are listed, shown and redriven after the fix and handled once; a replay
 * says which records were skipped as already handled and which were handled now; events are tailed; groups' lag is
 * shown; an identity or a role that may not is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SreToolsTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String SERVICE = "staging-service";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path home;
  ConfigurableApplicationContext stage;
  JdbcTemplate stageDb;
  SeedEventPublisher publisher;
  Map<String, Object> admin;
  Path sre;
  Path subscriber;
  Path operator;
  String failedSeed;


  @BeforeAll
  void start() throws IOException {
    StageTestApplication.REFUSING.set(true);
    LocalAzure azure = TestLocalAzure.shared();
    stage = ServiceRunner.start(StageTestApplication.class, SERVICE, TestDatabases.h2("sre-tools"),
        Map.of("seedship.consumes", Topics.COMMANDS.name(), "seedship.retry.max-attempts", "2",
            "seedship.stage", "INTAKE", "spring.flyway.locations", "classpath:db/test-stage"));
    stageDb = stage.getBean(JdbcTemplate.class);
    publisher = KafkaTestBroker.publisher();
    admin = KafkaTestBroker.client();
    String url = "http://localhost:" + stage.getEnvironment().getProperty("local.server.port");
    sre = config("sre", KafkaTestBroker.client(BrokerCredentials.SRE), url,
        TestLocalAzure.seedshipToken(azure, SeedshipRole.SRE.appRole()));
    subscriber = config("subscriber", KafkaTestBroker.client(BrokerCredentials.SUBSCRIBER), url,
        TestLocalAzure.seedshipToken(azure, SeedshipRole.SRE.appRole()));
    operator = config("operator", KafkaTestBroker.client(BrokerCredentials.SRE), url,
        TestLocalAzure.seedshipToken(azure, SeedshipRole.OPERATOR.appRole()));
  }

  @AfterAll
  void stop() {
    StageTestApplication.REFUSING.set(true);
    if (stage != null) {
      stage.close();
    }
  }

  @Test
  @Order(1)
  void aDeadLetterIsListedAndShownWithItsOriginGroupAndCause() throws Exception {
    failedSeed = deadLettered();
    CliRun list = run(sre, "deadletters", "list", "--seed", failedSeed, "-o", "json");
    assertThat(list.exit()).as(list.err()).isEqualTo(Exit.OK);
    JsonNode row = JSON.readTree(list.out()).get(0);
    assertThat(row.path("type").asText()).isEqualTo("RequestSeed");
    assertThat(row.path("origin").asText()).matches(Topics.COMMANDS.name() + "-\\d+@\\d+");
    assertThat(row.path("group").asText()).isEqualTo(SERVICE);
    assertThat(row.path("cause").asText()).contains("test stage refuses requests by 'fail'");

    CliRun show = run(sre, "deadletters", "show", row.path("offset").asText());
    assertThat(show.exit()).as(show.err()).isEqualTo(Exit.OK);
    assertThat(show.out()).contains(failedSeed).contains("IllegalStateException").contains("\"requestedBy\"");

    CliRun missing = run(sre, "deadletters", "show", "999999");
    assertThat(missing.exit()).isEqualTo(Exit.NOT_FOUND);
    CliRun bad = run(sre, "deadletters", "show", "twelve");
    assertThat(bad.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(bad.err()).contains("OFFSET twelve");
  }

  @Test
  @Order(2)
  void aDeadLetterRedrivenAfterItsCauseIsFixedIsHandledOnce() throws Exception {
    String offset = deadLetterOffset(failedSeed);
    CliRun dryRun = run(sre, "deadletters", "redrive", offset, "--dry-run");
    assertThat(dryRun.exit()).as(dryRun.err()).isEqualTo(Exit.OK);
    assertThat(dryRun.out()).contains(failedSeed).contains(SERVICE).contains("nothing was sent");
    CliRun declined = run(sre, new ByteArrayInputStream("n\n".getBytes()), "deadletters", "redrive", offset);
    assertThat(declined.exit()).isEqualTo(Exit.DECLINED);
    assertThat(rows(failedSeed)).isZero();

    StageTestApplication.REFUSING.set(false); // the cause, fixed
    // addressed to another group, the record is passed by: staging-service takes it off the topic and does nothing
    CliRun elsewhere = run(sre, "deadletters", "redrive", offset, "--to", "vault-service", "--yes", "--timeout",
        "PT2S");
    assertThat(elsewhere.exit()).as(elsewhere.err()).isEqualTo(Exit.STILL_RUNNING); // no vault-service here
    awaitCaughtUp(SERVICE, Topics.REPLAY.name());
    assertThat(rows(failedSeed)).isZero();

    CliRun redrive = run(sre, "deadletters", "redrive", offset, "--yes");
    assertThat(redrive.exit()).as(redrive.out() + redrive.err()).isEqualTo(Exit.OK);
    assertThat(redrive.out()).contains("1 record(s) sent to " + SERVICE + "; it has taken them");
    assertThat(rows(failedSeed)).isEqualTo(1);
    assertThat(TopicReader.events(admin, failedSeed, SeedAccepted.class, Duration.ofSeconds(3))).hasSize(1);

    // a second redrive of the same letter: the event id was handled, so it is skipped
    CliRun again = run(sre, "deadletters", "redrive", offset, "--yes");
    assertThat(again.exit()).as(again.err()).isEqualTo(Exit.OK);
    assertThat(rows(failedSeed)).isEqualTo(1);
    assertThat(TopicReader.events(admin, failedSeed, SeedAccepted.class, Duration.ofSeconds(3))).hasSize(1);
  }

  @Test
  @Order(3)
  void aReplaySaysWhatWasSkippedAsHandledAndWhatWasHandledNow() throws Exception {
    StageTestApplication.REFUSING.set(false);
    String handled = "seed-" + UUID.randomUUID();
    publisher.publish(Samples.requestSeed(handled));
    TopicReader.awaitEvent(admin, handled, SeedAccepted.class, WAIT);

    CliRun plan = run(sre, "replay", "--to", SERVICE, "--seed", handled, "--dry-run", "-o", "json");
    assertThat(plan.exit()).as(plan.err()).isEqualTo(Exit.OK);
    assertThat(JSON.readTree(plan.out()).findValuesAsText("plan")).singleElement().asString()
        .startsWith("skip: handled");
    CliRun replay = run(sre, "replay", "--to", SERVICE, "--seed", handled, "-o", "json");
    assertThat(replay.exit()).as(replay.err()).isEqualTo(Exit.OK);
    assertThat(JSON.readTree(replay.out()).findValuesAsText("outcome")).singleElement().asString()
        .startsWith("skipped: already handled");
    assertThat(rows(handled)).isEqualTo(1);
    assertThat(TopicReader.events(admin, handled, SeedAccepted.class, Duration.ofSeconds(3))).hasSize(1);

    // a record the group never handled (dead-lettered, never redriven): a replay hands it over, once asked
    StageTestApplication.REFUSING.set(true);
    String never = deadLettered();
    StageTestApplication.REFUSING.set(false);
    CliRun declined = run(sre, new ByteArrayInputStream("n\n".getBytes()), "replay", "--to", SERVICE, "--seed", never);
    assertThat(declined.exit()).isEqualTo(Exit.DECLINED);
    assertThat(declined.err()).contains("1 record(s) have not been handled by " + SERVICE);
    CliRun anew = run(sre, "replay", "--to", SERVICE, "--seed", never, "--yes");
    assertThat(anew.exit()).as(anew.err()).isEqualTo(Exit.OK);
    assertThat(anew.out()).contains("handled now").contains("0 skipped as already handled").contains("1 handled now");
    assertThat(rows(never)).isEqualTo(1);
    assertThat(TopicReader.events(admin, never, SeedAccepted.class, Duration.ofSeconds(3))).hasSize(1);
  }

  @Test
  @Order(4)
  void eventsAreTailedDecodedAndFiltered() throws Exception {
    String seed = "seed-" + UUID.randomUUID();
    publisher.publish(Samples.requestSeed(seed));
    TopicReader.awaitEvent(admin, seed, SeedAccepted.class, WAIT);

    CliRun tail = run(sre, "events", "tail", "--seed", seed, "-o", "json");
    assertThat(tail.exit()).as(tail.err()).isEqualTo(Exit.OK);
    JsonNode rows = JSON.readTree(tail.out());
    assertThat(rows.findValuesAsText("type")).contains("RequestSeed", "SeedAccepted");
    assertThat(rows.findValuesAsText("seed")).containsOnly(seed);
    assertThat(rows.get(0).path("event").path("metadata").path("seedId").asText()).isEqualTo(seed);

    CliRun typed = run(sre, "events", "tail", "--seed", seed, "--type", "SeedAccepted", "--topic",
        Topics.STAGING_EVENTS.name());
    assertThat(typed.exit()).as(typed.err()).isEqualTo(Exit.OK);
    assertThat(typed.out()).contains("SeedAccepted").doesNotContain("RequestSeed");

    CliRun followed = run(sre, "events", "tail", "--seed", seed, "--follow", "--timeout", "PT3S");
    assertThat(followed.exit()).isEqualTo(Exit.OK);
    assertThat(followed.out()).contains("SeedAccepted");

    CliRun badTopic = run(sre, "events", "tail", "--topic", "seedship.nope");
    assertThat(badTopic.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(badTopic.err()).contains("--topic seedship.nope");
    CliRun badSince = run(sre, "events", "tail", "--since", "yesterday");
    assertThat(badSince.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(badSince.err()).contains("--since yesterday");
  }

  @Test
  @Order(5)
  void offsetsShowTheServicesGroupCaughtUp() throws Exception {
    Instant end = Instant.now().plus(WAIT);
    JsonNode commands = null;
    while (Instant.now().isBefore(end)) {
      CliRun offsets = run(sre, "offsets", "--group", SERVICE, "-o", "json");
      assertThat(offsets.exit()).as(offsets.err()).isEqualTo(Exit.OK);
      commands = null;
      for (JsonNode row : JSON.readTree(offsets.out())) {
        if (row.path("topic").asText().equals(Topics.COMMANDS.name())) {
          commands = row;
        }
      }
      if (commands != null && commands.path("lag").asLong() == 0) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(commands).isNotNull();
    assertThat(commands.path("group").asText()).isEqualTo(SERVICE);
    assertThat(commands.path("committed").asLong()).isPositive();
    // caught up: the commit markers between its offset and the end are not records to handle
    assertThat(commands.path("lag").asLong()).isZero();
  }

  @Test
  @Order(6)
  void anIdentityOrARoleThatMayNotIsRefused() {
    CliRun deadLetters = run(subscriber, "deadletters", "list");
    assertThat(deadLetters.exit()).isEqualTo(Exit.NOT_ALLOWED);
    assertThat(deadLetters.err()).contains("'sre' identity");
    CliRun replay = run(operator, "replay", "--to", SERVICE, "--seed", failedSeed, "--dry-run");
    assertThat(replay.exit()).isEqualTo(Exit.NOT_ALLOWED);
    CliRun neither = run(sre, "replay", "--to", SERVICE);
    assertThat(neither.exit()).isEqualTo(Exit.BAD_INPUT);
  }

  @Test
  @Order(7)
  void aReplayCheckNamesWhatItRefusesAndTellsTheServicesConsumer() throws Exception {
    ServiceHttp sreHttp = ServiceHttp.as(stage, TestLocalAzure.shared(), SeedshipRole.SRE);
    JsonNode consumer = JSON.readTree(sreHttp.get("/api/replay").body());
    assertThat(consumer.path("group").asText()).isEqualTo(SERVICE);
    assertThat(consumer.path("topics").get(0).asText()).isEqualTo(Topics.COMMANDS.name());
    assertThat(consumer.path("handles").get(0).asText()).isEqualTo(RequestSeed.class.getName());

    var blank = sreHttp.post("/api/replay/check", "{\"records\":[{\"eventId\":\" \",\"type\":\"x\"}]}");
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("records[0].eventId").contains("required");
    var none = sreHttp.post("/api/replay/check", "{}");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).contains("\"records\"");
    StringBuilder many = new StringBuilder("{\"records\":[");
    for (int i = 0; i <= ReplayController.MAX_RECORDS; i++) {
      many.append(i == 0 ? "" : ",").append("{\"eventId\":\"e").append(i).append("\",\"type\":\"t\"}");
    }
    var tooMany = sreHttp.post("/api/replay/check", many.append("]}").toString());
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).contains("at most " + ReplayController.MAX_RECORDS);
  }

  /** A seed whose request staging-service dead-letters (it refuses 'fail' now); its id. */
  private String deadLettered() {
    String seed = "seed-" + UUID.randomUUID();
    RequestSeed failing = Samples.requestSeed(seed);
    failing.getRequest().setRequestedBy(StageTestApplication.FAIL);
    publisher.publish(failing);
    try (var deadLetters = new TopicReader(admin, Topics.DEAD_LETTERS.name(), true)) {
      deadLetters.readUntil(r -> seed.equals(r.key()), WAIT);
    }
    return seed;
  }

  private String deadLetterOffset(String seed) {
    try (var deadLetters = new TopicReader(admin, Topics.DEAD_LETTERS.name(), true)) {
      List<ConsumerRecord<String, byte[]>> read = deadLetters.readUntil(r -> seed.equals(r.key()), WAIT);
      return String.valueOf(read.stream().filter(r -> seed.equals(r.key())).findFirst().orElseThrow().offset());
    }
  }

  /** Waits until {@code group} has committed to the end of every partition of {@code topic}. */
  private void awaitCaughtUp(String group, String topic) throws Exception {
    try (Admin admin = Admin.create(this.admin)) {
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      Instant end = Instant.now().plus(WAIT);
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        if (ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0 || (committed.get(e.getKey()) != null
            && committed.get(e.getKey()).offset() >= e.getValue().offset()))) {
          return;
        }
        assertThat(Instant.now()).as(group + " caught up on " + topic).isBefore(end);
        Thread.sleep(200);
      }
    }
  }

  private int rows(String seed) {
    return stageDb.queryForObject("select count(*) from seed_request where seed_id = ?", Integer.class, seed);
  }

  private Path config(String name, Map<String, Object> kafka, String url, String token) throws IOException {
    Properties p = new Properties();
    kafka.forEach((k, v) -> p.setProperty("kafka." + k, String.valueOf(v)));
    p.setProperty("url." + SERVICE, url);
    Path file = home.resolve(name + ".properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, null);
    }
    new TokenCache(file.resolveSibling(file.getFileName() + ".token"), Clock.systemUTC())
        .save(token, Instant.now().plus(Duration.ofMinutes(50)));
    return file;
  }

  private static CliRun run(Path config, String... args) {
    return CliRun.of(config, args);
  }

  private static CliRun run(Path config, ByteArrayInputStream input, String... args) {
    return CliRun.of(config, input, args);
  }
}
