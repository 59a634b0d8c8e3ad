package io.seedship.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.Samples;
import io.seedship.contracts.Topics;
import io.seedship.contracts.cloudevents.CloudEventHeaders;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.status.SeedState;
import io.seedship.contracts.status.SeedStatus;
import io.seedship.runtime.kafka.DeadLetters;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TopicReader;
import io.seedship.runtime.testapp.publisher.PublisherTestApplication;
import io.seedship.runtime.testapp.stage.StageTestApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runtime's promises, proven with two services on a real KRaft broker and a real database: one publishes
 * through its runtime, the other consumes with a stage handler. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RuntimeFlowContract {

  static final Duration WAIT = Duration.ofSeconds(60);

  ConfigurableApplicationContext publisherService;
  ConfigurableApplicationContext stageService;
  SeedEventPublisher publisher;
  JdbcTemplate stageDb;
  Map<String, Object> kafka;

  abstract Map<String, Object> database(String serviceName);

  @BeforeAll
  void startServices() {
    kafka = KafkaTestBroker.client();
    publisherService = ServiceRunner.start(PublisherTestApplication.class, "test-publisher",
        database("test-publisher"), Map.of());
    stageService = ServiceRunner.start(StageTestApplication.class, "test-stage", database("test-stage"),
        Map.of("seedship.consumes", Topics.COMMANDS.name(), "seedship.retry.max-attempts", "2",
            "seedship.stage", "INTAKE"));
    publisher = publisherService.getBean(SeedEventPublisher.class);
    stageDb = stageService.getBean(JdbcTemplate.class);
  }

  @AfterAll
  void stopServices() {
    if (stageService != null) {
      stageService.close();
    }
    if (publisherService != null) {
      publisherService.close();
    }
  }

  @Test
  void anEventPublishedByOneServiceIsConsumedByAnother() {
    String seed = "seed-" + UUID.randomUUID();
    RequestSeed command = Samples.requestSeed(seed);
    publisher.publish(command);

    try (var reader = new TopicReader(kafka, Topics.STAGING_EVENTS.name(), true)) {
      ConsumerRecord<String, byte[]> accepted = only(reader.readUntil(r -> seed.equals(r.key()), WAIT), seed);
      SeedAccepted event = (SeedAccepted) TopicReader.decode(accepted);
      assertThat(event.getRequest()).isEqualTo(command.getRequest());
      assertThat(event.getMetadata().getCausationId()).isEqualTo(command.getMetadata().getEventId());
      assertThat(event.getMetadata().getCorrelationId()).isEqualTo(command.getMetadata().getCorrelationId());
      assertThat(event.getMetadata().getProducer()).isEqualTo("test-stage");
      assertThat(TopicReader.header(accepted, CloudEventHeaders.ID)).isEqualTo(event.getMetadata().getEventId());
      assertThat(TopicReader.header(accepted, CloudEventHeaders.SUBJECT)).isEqualTo(seed);
      assertThat(TopicReader.header(accepted, CloudEventHeaders.TYPE)).isEqualTo(SeedAccepted.getClassSchema().getFullName());
      assertThat(TopicReader.header(accepted, CloudEventHeaders.SOURCE)).isEqualTo("/seedship/test-stage");
      assertThat(TopicReader.header(accepted, CloudEventHeaders.CAUSATION_ID)).isEqualTo(command.getMetadata().getEventId());
    }
    assertThat(rows(seed)).isEqualTo(1);
  }

  @Test
  void aRedeliveredEventChangesStateOnceAndPublishesOnce() {
    String seed = "seed-" + UUID.randomUUID();
    RequestSeed command = Samples.requestSeed(seed);
    publisher.publish(command);
    publisher.publish(command); // same event id, a second record: a duplicate or an SRE's replay
    RequestSeed marker = Samples.requestSeed(seed); // same seed, so same partition, handled after both
    marker.getRequest().setImportJobName("marker");
    publisher.publish(marker);

    try (var reader = new TopicReader(kafka, Topics.STAGING_EVENTS.name(), true)) {
      List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
          r -> seed.equals(r.key()) && causedBy(r, marker), WAIT);
      assertThat(records.stream().filter(r -> causedBy(r, command))).hasSize(1);
    }
    assertThat(stageDb.queryForList("select import_job_name from seed_request where seed_id = ?", String.class, seed))
        .containsExactlyInAnyOrder(command.getRequest().getImportJobName(), "marker");
    assertThat(stageDb.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class,
        command.getMetadata().getEventId())).isEqualTo(1);
  }

  @Test
  void aHandlerFailureRollsBackItsDatabaseChangeAndItsEvents() {
    String seed = "seed-" + UUID.randomUUID();
    RequestSeed failing = Samples.requestSeed(seed);
    failing.getRequest().setRequestedBy(StageTestApplication.FAIL);
    publisher.publish(failing);

    try (var deadLetters = new TopicReader(kafka, Topics.DEAD_LETTERS.name(), true)) {
      ConsumerRecord<String, byte[]> dead = only(deadLetters.readUntil(r -> seed.equals(r.key()), WAIT), seed);
      assertThat(TopicReader.header(dead, "x-original-topic")).isEqualTo(Topics.COMMANDS.name());
      assertThat(TopicReader.header(dead, "x-exception-message")).contains("rollback limit exceeded");
      assertThat(TopicReader.header(dead, "x-exception-stacktrace")).contains("refuses requests by 'fail'");
      // the root cause, readable without digging through the stack trace
      assertThat(TopicReader.header(dead, DeadLetters.ROOT_CAUSE))
          .isEqualTo("IllegalStateException: test stage refuses requests by 'fail'");
      assertThat(TopicReader.decode(dead)).isEqualTo(failing);
    }
    // and the seed does not stop silently: one SeedFailed, and its status says failed at that stage
    SeedFailed failed = TopicReader.awaitEvent(kafka, seed, SeedFailed.class, WAIT);
    assertThat(failed.getStage()).isEqualTo(SeedStage.INTAKE);
    assertThat(failed.getReason()).contains("test-stage could not handle RequestSeed",
        "test stage refuses requests by 'fail'");
    assertThat(failed.getAction()).contains("redrive", Topics.DEAD_LETTERS.name());
    assertThat(failed.getMetadata().getCausationId()).isEqualTo(failing.getMetadata().getEventId());
    assertThat(TopicReader.events(kafka, seed, SeedFailed.class, Duration.ofSeconds(2))).hasSize(1);
    try (var status = new TopicReader(kafka, Topics.SEED_STATUS.name(), true)) {
      List<SeedStatus> statuses = status.readUntil(r -> seed.equals(r.key())
              && ((SeedStatus) TopicReader.decode(r)).getState() == SeedState.FAILED, WAIT).stream()
          .filter(r -> seed.equals(r.key())).map(r -> (SeedStatus) TopicReader.decode(r)).toList();
      assertThat(statuses.getLast().getStage()).isEqualTo(SeedStage.INTAKE);
    }
    try (var committed = new TopicReader(kafka, Topics.STAGING_EVENTS.name(), true);
         var uncommitted = new TopicReader(kafka, Topics.STAGING_EVENTS.name(), false)) {
      // the handler did send SeedAccepted (once per attempt), in transactions that were aborted
      assertThat(uncommitted.readUntil(r -> seed.equals(r.key()), WAIT)).isNotEmpty();
      assertThat(committed.readFor(Duration.ofSeconds(2))).noneMatch(r -> seed.equals(r.key()));
    }
    assertThat(rows(seed)).isZero();
    assertThat(stageDb.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class,
        failing.getMetadata().getEventId())).isZero();
  }

  @Test
  void aPoisonRecordIsDeadLetteredAndTheRecordsAfterItStillFlow() {
    String seed = "seed-" + UUID.randomUUID();
    byte[] poison = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
    try (var producer = new KafkaProducer<String, byte[]>(kafka,
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), seed, poison));
      producer.flush();
    }
    RequestSeed after = Samples.requestSeed(seed);
    publisher.publish(after);

    try (var deadLetters = new TopicReader(kafka, Topics.DEAD_LETTERS.name(), true)) {
      ConsumerRecord<String, byte[]> dead = only(deadLetters.readUntil(r -> seed.equals(r.key()), WAIT), seed);
      assertThat(dead.value()).isEqualTo(poison);
      assertThat(TopicReader.header(dead, "x-original-topic")).isEqualTo(Topics.COMMANDS.name());
      assertThat(TopicReader.header(dead, "x-exception-stacktrace")).contains("not Avro single-object encoded");
      assertThat(TopicReader.header(dead, DeadLetters.ROOT_CAUSE)).contains("UndecodableRecordException",
          "not Avro single-object encoded");
    }
    try (var reader = new TopicReader(kafka, Topics.STAGING_EVENTS.name(), true)) {
      reader.readUntil(r -> seed.equals(r.key()) && causedBy(r, after), WAIT);
    }
    assertThat(rows(seed)).isEqualTo(1);
  }

  private int rows(String seed) {
    return stageDb.queryForObject("select count(*) from seed_request where seed_id = ?", Integer.class, seed);
  }

  private static boolean causedBy(ConsumerRecord<String, byte[]> record, RequestSeed command) {
    return command.getMetadata().getEventId().equals(TopicReader.header(record, CloudEventHeaders.CAUSATION_ID));
  }

  private static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> records, String seed) {
    List<ConsumerRecord<String, byte[]>> mine = records.stream().filter(r -> seed.equals(r.key())).toList();
    assertThat(mine).hasSize(1);
    return mine.getFirst();
  }
}
