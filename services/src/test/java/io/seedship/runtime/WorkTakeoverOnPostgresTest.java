package io.seedship.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.Samples;
import io.seedship.contracts.Topics;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TestDatabases;
import io.seedship.runtime.test.TopicReader;
import io.seedship.runtime.testapp.publisher.PublisherTestApplication;
import io.seedship.runtime.testapp.work.WorkTestApplication;
import io.seedship.runtime.work.WorkQueue;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A unit of work whose instance is killed (SIGKILL) half way is taken over by another instance once the dead one's
 * lease runs out, and finishes once: exactly one completion event. The first instance runs in a child JVM so it can
 * really be killed; both share one PostgreSQL database, as replicas of a service do.
 */
class WorkTakeoverOnPostgresTest {

  @Test
  @Timeout(300)
  void anotherInstanceFinishesTheWorkOfAKilledOneAndItCompletesOnce() throws Exception {
    Map<String, Object> kafka = KafkaTestBroker.client();
    Map<String, Object> database = TestDatabases.postgres("test-takeover");
    Map<String, Object> settings = new HashMap<>(database);
    settings.putAll(Map.of("seedship.consumes", Topics.COMMANDS.name(), "seedship.work.lease", "PT3S",
        "spring.flyway.locations", "classpath:db/test-work",
        // the killed instance leaves a transaction open; a short timeout lets the broker abort it soon
        "spring.cloud.stream.kafka.binder.transaction.producer.configuration.transaction.timeout.ms", "10000"));
    // the child checks callers' tokens against the parent's local-azure, as every service does
    settings.putAll(KafkaTestBroker.serviceSettings("test-takeover"));
    settings.putAll(io.seedship.localazure.test.TestLocalAzure.serviceSettings(
        io.seedship.localazure.test.TestLocalAzure.shared()));

    Path log = Files.createTempFile("seedship-takeover-child", ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-cp", System.getProperty("java.class.path"), WorkTestApplication.class.getName(),
        "--spring.application.name=test-takeover", "--seedship.instance-id=instance-a",
        "--server.port=0", "--seedship.topics.partitions=3",
        "--spring.cloud.stream.kafka.binder.configuration.session.timeout.ms=6000"));
    settings.forEach((k, v) -> command.add("--" + k + "=" + v));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ConfigurableApplicationContext publisherService = null;
    ConfigurableApplicationContext survivor = null;
    try {
      publisherService = ServiceRunner.start(PublisherTestApplication.class, "test-takeover-publisher",
          TestDatabases.h2("test-takeover-publisher"), Map.of());
      RequestSeed request = Samples.requestSeed("seed-" + UUID.randomUUID());
      request.getRequest().setRequestedBy("slow:8000");
      String seed = request.getMetadata().getSeedId();
      String workId = WorkQueue.workId(request.getMetadata().getEventId(), WorkTestApplication.KIND);
      publisherService.getBean(SeedEventPublisher.class).publish(request);

      // half way: the child holds the work and has reported progress
      awaitTrue(database, "select count(*) from stage_work where work_id = '" + workId + "' and state = 'RUNNING' "
          + "and lease_owner = 'instance-a' and progress like 'step 1_'", log);
      child.destroyForcibly(); // SIGKILL: no shutdown, the lease stays until it runs out
      child.waitFor();

      Map<String, Object> survivorSettings = new HashMap<>(settings);
      survivorSettings.put("seedship.instance-id", "instance-b");
      survivor = ServiceRunner.start(WorkTestApplication.class, "test-takeover", Map.of(), survivorSettings);

      StagingCompleted completed = TopicReader.awaitEvent(kafka, seed, StagingCompleted.class,
          Duration.ofSeconds(120));
      assertThat(completed.getMetadata().getCausationId()).isEqualTo(request.getMetadata().getEventId());
      assertThat(TopicReader.events(kafka, seed, StagingCompleted.class, Duration.ofSeconds(3))).hasSize(1);
      var db = survivor.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
      assertThat(db.queryForMap("select state, attempts from stage_work where work_id = ?", workId))
          .containsEntry("state", "DONE").containsEntry("attempts", 2);
      assertThat(db.queryForObject("select runs from work_seed where seed_id = ?", Integer.class, seed)).isEqualTo(2);
    } finally {
      child.destroyForcibly();
      if (survivor != null) {
        survivor.close();
      }
      if (publisherService != null) {
        publisherService.close();
      }
    }
  }

  private static void awaitTrue(Map<String, Object> database, String countQuery, Path childLog) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      try (var c = DriverManager.getConnection((String) database.get("spring.datasource.url"),
          (String) database.get("spring.datasource.username"), (String) database.get("spring.datasource.password"));
           var s = c.createStatement()) {
        var rs = s.executeQuery(countQuery);
        if (rs.next() && rs.getInt(1) > 0) {
          return;
        }
      } catch (java.sql.SQLException notYet) {
        // the child has not created its tables yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the child never got half way; its log:\n" + tail(childLog.toFile()));
  }

  private static String tail(File file) throws java.io.IOException {
    List<String> lines = Files.readAllLines(file.toPath());
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
