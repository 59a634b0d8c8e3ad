package io.seedship.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.Samples;
import io.seedship.contracts.Topics;
import io.seedship.contracts.command.CancelSeed;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.status.SeedState;
import io.seedship.contracts.status.SeedStatus;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.persistence.Retention;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TopicReader;
import io.seedship.runtime.testapp.publisher.PublisherTestApplication;
import io.seedship.runtime.testapp.work.WorkTestApplication;
import io.seedship.runtime.work.WorkItem;
import io.seedship.runtime.work.WorkQueue;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runtime's durable stage work on a real broker and database: a thin handler schedules work, the runtime runs it
 * outside any Kafka transaction and relays what it emits through the outbox; throttling, retries, failures for good.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkFlowContract {

  static final Duration WAIT = Duration.ofSeconds(60);

  ConfigurableApplicationContext publisherService;
  ConfigurableApplicationContext workService;
  SeedEventPublisher publisher;
  JdbcTemplate db;
  Map<String, Object> kafka;

  abstract Map<String, Object> database(String serviceName);

  @BeforeAll
  void startServices() {
    kafka = KafkaTestBroker.client();
    publisherService = ServiceRunner.start(PublisherTestApplication.class, "test-work-publisher",
        database("test-work-publisher"), Map.of());
    workService = ServiceRunner.start(WorkTestApplication.class, "test-work", database("test-work"), Map.of(
        "seedship.consumes", Topics.COMMANDS.name(), "seedship.stage", "STAGING",
        "seedship.work.max-attempts", "2", "seedship.work.backoff", "PT0.1S", "seedship.work.lease", "PT3S"));
    publisher = publisherService.getBean(SeedEventPublisher.class);
    db = workService.getBean(JdbcTemplate.class);
  }

  @AfterAll
  void stopServices() {
    if (workService != null) {
      workService.close();
    }
    if (publisherService != null) {
      publisherService.close();
    }
  }

  @Test
  void scheduledWorkRunsAfterTheHandlingAndFinishesThroughTheOutboxOnce() {
    RequestSeed command = request("quick");
    String seed = command.getMetadata().getSeedId();
    publisher.publish(command);

    StagingCompleted completed = TopicReader.awaitEvent(kafka, seed, StagingCompleted.class, WAIT);
    assertThat(completed.getMetadata().getCausationId()).isEqualTo(command.getMetadata().getEventId());
    assertThat(completed.getMetadata().getCorrelationId()).isEqualTo(command.getMetadata().getCorrelationId());
    assertThat(completed.getMetadata().getProducer()).isEqualTo("test-work");
    assertThat(db.queryForMap("select state, attempts, lease_owner from stage_work where work_id = ?",
        WorkQueue.workId(command.getMetadata().getEventId(), WorkTestApplication.KIND)))
        .containsEntry("state", "DONE").containsEntry("attempts", 1).containsEntry("lease_owner", null);
    assertThat(db.queryForObject("select state from work_seed where seed_id = ?", String.class, seed))
        .isEqualTo("DONE");
    assertThat(db.queryForObject("select count(*) from outbox_event where seed_id = ? and relayed_at is not null",
        Integer.class, seed)).isEqualTo(1);
    // the status topic follows: requested, then staged, from two different producers
    assertThat(statuses(seed)).extracting(SeedStatus::getState).containsSubsequence(SeedState.REQUESTED,
        SeedState.STAGED);
    assertThat(TopicReader.events(kafka, seed, StagingCompleted.class, Duration.ofSeconds(2))).hasSize(1);
  }

  @Test
  void throttledWorkWaitsForAzuresDelayHoldingNoThreadNorTransactionWhileOtherSeedsFlow() throws Exception {
    RequestSeed throttled = request("throttled:120");
    String seed = throttled.getMetadata().getSeedId();
    publisher.publish(throttled);
    String workId = WorkQueue.workId(throttled.getMetadata().getEventId(), WorkTestApplication.KIND);
    awaitTrue(() -> db.queryForList("select state from stage_work where work_id = ?", String.class, workId)
        .equals(List.of("PENDING")) && runs(seed) == 1);

    Map<String, Object> waiting = db.queryForMap("select attempts, last_error from stage_work where work_id = ?",
        workId);
    assertThat(waiting.get("attempts")).isEqualTo(0); // a throttled wait does not count as an attempt
    Instant notBefore = db.queryForObject("select not_before from stage_work where work_id = ?",
        (rs, i) -> rs.getTimestamp(1).toInstant(), workId);
    assertThat(notBefore).isAfter(Instant.now().plusSeconds(100)).isBefore(Instant.now().plusSeconds(121));
    assertThat((String) waiting.get("last_error")).contains("throttled by Azure", "TooManyRequests");

    // meanwhile other seeds go through the same service, and nothing of it keeps a Kafka transaction open
    List<RequestSeed> others = IntStream.range(0, 3).mapToObj(i -> request("quick")).toList();
    others.forEach(publisher::publish);
    for (RequestSeed other : others) {
      TopicReader.awaitEvent(kafka, other.getMetadata().getSeedId(), StagingCompleted.class, WAIT);
    }
    assertThat(openTransactionsOf("test-work-")).isEmpty();
    assertThat(runs(seed)).isEqualTo(1);
    assertThat(TopicReader.events(kafka, seed, StagingCompleted.class, Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void aKindLimitedToOneAtATimeRunsOneAtATimeWithoutHoldingUpOtherKinds() {
    WorkTestApplication.LIMITED_PEAK.set(0);
    List<RequestSeed> limited = IntStream.range(0, 3).mapToObj(i -> request("limited:1500")).toList();
    limited.forEach(publisher::publish);
    RequestSeed quick = request("quick");
    publisher.publish(quick);

    TopicReader.awaitEvent(kafka, quick.getMetadata().getSeedId(), StagingCompleted.class, WAIT);
    // the quick seed did not wait for the queue of limited ones
    assertThat(limited.stream().filter(r -> "DONE".equals(db.queryForList(
        "select state from work_seed where seed_id = ?", String.class, r.getMetadata().getSeedId()).stream()
        .findFirst().orElse("")))).hasSizeLessThan(3);
    for (RequestSeed r : limited) {
      TopicReader.awaitEvent(kafka, r.getMetadata().getSeedId(), StagingCompleted.class, WAIT);
    }
    assertThat(WorkTestApplication.LIMITED_PEAK).hasValue(1);
  }

  @Test
  void workThatKeepsFailingFailsTheSeedOnceWithStageReasonAndWhatToDo() {
    RequestSeed broken = request("broken");
    String seed = broken.getMetadata().getSeedId();
    publisher.publish(broken);

    SeedFailed failed = TopicReader.awaitEvent(kafka, seed, SeedFailed.class, WAIT);
    assertThat(failed.getStage()).isEqualTo(SeedStage.STAGING);
    assertThat(failed.getReason()).contains("failed 2 times", "the test's disk is on fire");
    assertThat(failed.getAction()).isEqualTo("put out the fire");
    assertThat(runs(seed)).isEqualTo(2);
    assertThat(db.queryForObject("select state from work_seed where seed_id = ?", String.class, seed))
        .isEqualTo("FAILED");
    assertThat(statuses(seed).getLast().getState()).isEqualTo(SeedState.FAILED);
    assertThat(statuses(seed).getLast().getStage()).isEqualTo(SeedStage.STAGING);
    assertThat(TopicReader.events(kafka, seed, SeedFailed.class, Duration.ofSeconds(2))).hasSize(1);
  }

  @Test
  void aFailureNoRetryCanMendFailsTheSeedAtOnceNamingTheField() {
    RequestSeed refused = request("refused");
    String seed = refused.getMetadata().getSeedId();
    publisher.publish(refused);

    SeedFailed failed = TopicReader.awaitEvent(kafka, seed, SeedFailed.class, WAIT);
    assertThat(failed.getReason()).isEqualTo("sourcePath is not what the test wants");
    assertThat(failed.getAction()).isEqualTo("give the test another source");
    assertThat(failed.getProblems()).singleElement().satisfies(p -> assertThat(p.getField()).isEqualTo("sourcePath"));
    assertThat(runs(seed)).isEqualTo(1);
  }

  @Test
  void aCancelStopsTheRunningWorkWhichCannotFinishAndTheSeedEndsCancelledOnce() {
    RequestSeed command = request("slow:60000");
    String seed = command.getMetadata().getSeedId();
    publisher.publish(command);
    String workId = WorkQueue.workId(command.getMetadata().getEventId(), WorkTestApplication.KIND);
    awaitTrue(() -> WorkTestApplication.SLOW_RUNNING.get() == 1);

    CancelSeed cancel = CancelSeed.newBuilder().setMetadata(Samples.metadata(seed, "test")).setReason("wrong source")
        .setRequestedBy("op@contoso").build();
    publisher.publish(cancel);

    SeedFailed failed = TopicReader.awaitEvent(kafka, seed, SeedFailed.class, WAIT);
    assertThat(failed.getCancelled()).isTrue();
    assertThat(failed.getReason()).contains("cancelled by op@contoso: wrong source");
    awaitTrue(() -> WorkTestApplication.SLOW_RUNNING.get() == 0); // stopped long before its minute
    assertThat(db.queryForObject("select state from stage_work where work_id = ?", String.class, workId))
        .isEqualTo(WorkItem.CANCELLED);
    assertThat(runs(seed)).isEqualTo(1); // not retried, not taken over
    assertThat(TopicReader.events(kafka, seed, StagingCompleted.class, Duration.ofSeconds(3))).isEmpty();
    assertThat(TopicReader.events(kafka, seed, SeedFailed.class, Duration.ofSeconds(1))).hasSize(1);
    assertThat(statuses(seed).getLast().getState()).isEqualTo(SeedState.CANCELLED);
  }

  @Test
  void retentionPrunesOldBookkeepingAndKeepsWhatIsPending() {
    Instant old = Instant.now().minus(Duration.ofDays(400));
    String tag = UUID.randomUUID().toString();
    db.update("insert into processed_event (event_id, event_type, seed_id, source_topic, source_partition, "
        + "source_offset, processed_at) values (?, 't', ?, 't', 0, 0, ?)", tag, tag, Timestamp.from(old));
    db.update("insert into outbox_event (event_id, seed_id, topic, payload, created_at, relayed_at) "
        + "values (?, ?, 'seedship.unknown', ?, ?, ?)", tag + "-relayed", tag, new byte[] {1}, Timestamp.from(old),
        Timestamp.from(old));
    db.update("insert into stage_work (work_id, kind, seed_id, cause_event_id, correlation_id, input, state, "
        + "attempts, not_before, created_at, updated_at) values (?, 'other-kind', ?, 'c', 'c', ?, ?, 1, ?, ?, ?)",
        tag + "-done", tag, new byte[] {1}, "DONE", Timestamp.from(old), Timestamp.from(old), Timestamp.from(old));
    db.update("insert into stage_work (work_id, kind, seed_id, cause_event_id, correlation_id, input, state, "
        + "attempts, not_before, created_at, updated_at) values (?, 'other-kind', ?, 'c', 'c', ?, ?, 1, ?, ?, ?)",
        tag + "-pending", tag, new byte[] {1}, "PENDING", Timestamp.from(old), Timestamp.from(old),
        Timestamp.from(old));

    Map<String, Integer> pruned = workService.getBean(Retention.class).prune();

    assertThat(pruned.get("processed_event")).isGreaterThanOrEqualTo(1);
    assertThat(db.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class, tag))
        .isZero();
    assertThat(db.queryForObject("select count(*) from outbox_event where seed_id = ?", Integer.class, tag)).isZero();
    assertThat(db.queryForList("select work_id from stage_work where seed_id = ?", String.class, tag))
        .containsExactly(tag + "-pending");
    // what is recent stays
    assertThat(db.queryForObject("select count(*) from processed_event", Integer.class)).isPositive();
  }

  private RequestSeed request(String behaviour) {
    RequestSeed command = Samples.requestSeed("seed-" + UUID.randomUUID());
    command.getRequest().setRequestedBy(behaviour);
    return command;
  }

  private int runs(String seed) {
    return db.queryForList("select runs from work_seed where seed_id = ?", Integer.class, seed).stream()
        .findFirst().orElse(0);
  }

  private List<SeedStatus> statuses(String seed) {
    try (var reader = new TopicReader(kafka, Topics.SEED_STATUS.name(), true)) {
      return reader.readFor(Duration.ofSeconds(2)).stream().filter(r -> seed.equals(r.key()))
          .map(TopicReader::decode).map(SeedStatus.class::cast).toList();
    }
  }

  private List<TransactionListing> openTransactionsOf(String prefix) throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      return admin.listTransactions().all().get().stream()
          .filter(t -> t.transactionalId().startsWith(prefix))
          .filter(t -> t.state() == TransactionState.ONGOING).toList();
    }
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not true within " + WAIT);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
