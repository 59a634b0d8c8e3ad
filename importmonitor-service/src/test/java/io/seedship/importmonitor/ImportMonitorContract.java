package io.seedship.importmonitor;

import static io.seedship.importmonitor.MonitorFixture.MIB;
import static io.seedship.importmonitor.MonitorFixture.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.common.DriveState;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.importjob.DriveCopyLogReported;
import io.seedship.contracts.importjob.DriveStateChanged;
import io.seedship.contracts.importjob.FailedBlob;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.contracts.importjob.ImportJobStateChanged;
import io.seedship.contracts.Records;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.importjobs.DeliveryPackage;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.SecretScan;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TopicReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * importmonitor-service over a real broker, a real database (subclasses choose) and local-azure, whose datacenter
 * imports real drives on its virtual clock: a job goes Creating, Shipping, Received, Transferring, Packaging,
 * Completed and each transition is one event, in order, exactly once; then the same with 30% of ARM answers a 429;
 * then a drive with a corrupted block, whose copy log names the blob and the block.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
abstract class ImportMonitorContract {

  static final Duration WAIT = Duration.ofSeconds(120);
  static final List<ImportJobState> STORY = List.of(ImportJobState.CREATING, ImportJobState.SHIPPING,
      ImportJobState.RECEIVED, ImportJobState.TRANSFERRING, ImportJobState.PACKAGING, ImportJobState.COMPLETED);

  ConfigurableApplicationContext service;
  SeedEventPublisher publisher;
  ImportJobs jobs;
  String group;
  String accountId;
  java.nio.file.Path logFile;
  /** The drives' recovery passwords: they go to Azure in the job, and must come back nowhere. */
  final List<String> passwords = new ArrayList<>();

  abstract Map<String, Object> database();

  @BeforeAll
  void start() {
    MonitorFixture.azure();
    Map<String, Object> props = MonitorFixture.monitorSettings();
    props.put("seedship.instance-id", "importmonitor-test");
    try {
      logFile = java.nio.file.Files.createTempDirectory("importmonitor-log").resolve("importmonitor-service.log");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    props.put("logging.file.name", logFile.toString());
    service = ServiceRunner.start(ImportmonitorServiceApplication.class, "importmonitor-service", database(), props);
    publisher = KafkaTestBroker.publisher();
    AzureClients clients = service.getBean(AzureClients.class);
    group = "im-" + UUID.randomUUID().toString().substring(0, 8);
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    accountId = clients.storage(SUBSCRIPTION).ensure(group,
        "im" + UUID.randomUUID().toString().replace("-", "").substring(0, 14), "westus").id();
    jobs = clients.importJobs(SUBSCRIPTION);
  }

  @AfterAll
  void stop() {
    MonitorFixture.throttle(0, Duration.ofSeconds(1));
    if (service != null) {
      service.close();
    }
  }

  @Test
  @Order(1)
  void aJobThroughEveryStateIsOneEventPerTransitionExactlyOnceAndOneFinalEvent() throws Exception {
    String seed = UUID.randomUUID().toString();
    String driveId = "IMOK" + seed.substring(0, 6).toUpperCase();
    MonitorFixture.Drive drive = MonitorFixture.writeDrive(driveId, "seeds", 256 * MIB, 48 * MIB);

    playTheStory(seed, "imok-" + seed.substring(0, 8), drive);

    assertExactlyOnce(seed, driveId, ImportJobOutcome.COMPLETED);
    DriveCopyLogReported report = await(seed, DriveCopyLogReported.class, r -> true);
    assertThat(report.getDriveId()).isEqualTo(driveId);
    assertThat(report.getDriveStatus()).isEqualTo("Completed");
    assertThat(report.getFailedBlobs()).isEmpty();
  }

  @Test
  @Order(2)
  void thirtyPercentOf429sChangeOnlyTheTimingNotTheEvents() throws Exception {
    String seed = UUID.randomUUID().toString();
    String driveId = "IMTH" + seed.substring(0, 6).toUpperCase();
    MonitorFixture.Drive drive = MonitorFixture.writeDrive(driveId, "seeds", 256 * MIB, 48 * MIB);
    long faultsBefore = MonitorFixture.injectedFaults();
    long throttledBefore = service.getBean(io.seedship.importmonitor.watch.ReadBudget.class).throttled();
    MonitorFixture.throttle(0.3, Duration.ofSeconds(1));
    try {
      playTheStory(seed, "imth-" + seed.substring(0, 8), drive);
    } finally {
      MonitorFixture.throttle(0, Duration.ofSeconds(1));
    }

    var budget = service.getBean(io.seedship.importmonitor.watch.ReadBudget.class);
    System.out.printf("30%% 429s: local-azure answered %d 429s; the monitor's reads: %d, of which 429: %d%n",
        MonitorFixture.injectedFaults() - faultsBefore, budget.reads(), budget.throttled() - throttledBefore);
    assertThat(budget.throttled() - throttledBefore).as("429s the monitor's own reads got").isPositive();
    assertExactlyOnce(seed, driveId, ImportJobOutcome.COMPLETED);
  }

  @Test
  @Order(3)
  void aCorruptedBlockEndsTheJobClosedAndItsCopyLogNamesTheBlobAndTheBlock() throws Exception {
    String seed = UUID.randomUUID().toString();
    String driveId = "IMBAD" + seed.substring(0, 6).toUpperCase();
    MonitorFixture.Drive drive = MonitorFixture.writeDrive(driveId, "seeds", 256 * MIB, 12 * MIB);
    MonitorFixture.fault(driveId, "{\"fault\":\"CorruptedBlock\",\"blockIndex\":1}");
    passwords.add(drive.password());
    String name = "imbad-" + seed.substring(0, 8);

    MonitorFixture.created(jobs, publisher, seed, group, accountId, name, drive);
    awaitState(seed, ImportJobState.CREATING);
    ship(name);
    MonitorFixture.handOver(drive);
    MonitorFixture.advance(Duration.ofDays(2));
    awaitState(seed, ImportJobState.RECEIVED);
    MonitorFixture.advance(Duration.ofDays(1));
    awaitState(seed, ImportJobState.PACKAGING);
    MonitorFixture.advance(Duration.ofDays(2));

    ImportJobFinished finished = await(seed, ImportJobFinished.class, r -> true);
    assertThat(finished.getOutcome()).isEqualTo(ImportJobOutcome.CLOSED);
    assertThat(finished.getFinalState()).isEqualTo(ImportJobState.CLOSED);
    assertThat(finished.getDrives()).singleElement().satisfies(d -> {
      assertThat(d.getState()).isEqualTo(DriveState.COMPLETED_MORE_INFO);
      assertThat(d.getCopyStatus()).isEqualTo("CompletedWithErrors");
      assertThat(d.getErrorLogUri()).contains(driveId);
    });
    DriveCopyLogReported report = await(seed, DriveCopyLogReported.class, r -> true);
    assertThat(report.getDriveStatus()).isEqualTo("CompletedWithErrors");
    assertThat(report.getFailedBlobs()).singleElement().satisfies(blob -> {
      assertThat(blob.getBlobPath()).isEqualTo("seeds/" + driveId.toLowerCase() + "/chunk-0.bin");
      assertThat(blob.getStatus()).isEqualTo("CompletedWithErrors");
      assertThat(blob.getFailedBlocks()).singleElement().satisfies(block -> {
        assertThat(block.getStatus()).isEqualTo("Corrupted");
        assertThat(block.getOffset()).isEqualTo(4 * MIB);
      });
    });
    assertThat(events(seed, DriveCopyLogReported.class)).hasSize(1);
    assertThat(events(seed, ImportJobFinished.class)).hasSize(1);
  }

  @Test
  @Order(4)
  void aJobCancelledWhileShippingEndsCancelledAndOneDeletedInCreatingEndsDeleted() throws Exception {
    String seed = UUID.randomUUID().toString();
    String driveId = "IMCAN" + seed.substring(0, 6).toUpperCase();
    MonitorFixture.Drive drive = MonitorFixture.writeDrive(driveId, "seeds", 128 * MIB, 4 * MIB);
    passwords.add(drive.password());
    String name = "imcan-" + seed.substring(0, 8);
    MonitorFixture.created(jobs, publisher, seed, group, accountId, name, drive);
    awaitState(seed, ImportJobState.CREATING);
    ship(name);
    awaitState(seed, ImportJobState.SHIPPING);
    jobs.cancel(group, name);
    await(seed, io.seedship.contracts.importjob.ImportJobProgress.class,
        p -> p.getChanges().contains("cancelRequested"));
    MonitorFixture.handOver(drive);
    MonitorFixture.advance(Duration.ofDays(2));
    awaitState(seed, ImportJobState.RECEIVED);
    MonitorFixture.advance(Duration.ofDays(1));
    awaitState(seed, ImportJobState.PACKAGING);
    MonitorFixture.advance(Duration.ofDays(2));
    ImportJobFinished cancelled = await(seed, ImportJobFinished.class, r -> true);
    assertThat(cancelled.getOutcome()).isEqualTo(ImportJobOutcome.CANCELLED);
    assertThat(cancelled.getCancelRequested()).isTrue();
    assertThat(ofType(all(seed), ImportJobStateChanged.class)).extracting(ImportJobStateChanged::getState)
        .containsExactly(ImportJobState.CREATING, ImportJobState.SHIPPING, ImportJobState.RECEIVED,
            ImportJobState.PACKAGING, ImportJobState.COMPLETED);

    String gone = UUID.randomUUID().toString();
    String goneName = "imdel-" + gone.substring(0, 8);
    MonitorFixture.created(jobs, publisher, gone, group, accountId, goneName, drive);
    awaitState(gone, ImportJobState.CREATING);
    service.getBean(AzureClients.class).importExport(SUBSCRIPTION).delete(group, goneName);
    ImportJobFinished deleted = await(gone, ImportJobFinished.class, r -> true);
    assertThat(deleted.getOutcome()).isEqualTo(ImportJobOutcome.DELETED);
    assertThat(deleted.getFinalState()).isEqualTo(ImportJobState.CREATING);
    assertThat(events(gone, ImportJobFinished.class)).hasSize(1);
  }

  @Test
  @Order(100)
  void noRecoveryPasswordReachedKafkaOrALogLine(CapturedOutput output) {
    assertThat(passwords).hasSize(4);
    SecretScan.read(KafkaTestBroker.client(), logFile, output.getAll()).assertNoneOf(passwords);
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** Creating → Shipping → Received → Transferring → Packaging → Completed, the clock moved after each event seen. */
  void playTheStory(String seed, String name, MonitorFixture.Drive drive) throws Exception {
    passwords.add(drive.password());
    MonitorFixture.created(jobs, publisher, seed, group, accountId, name, drive);
    awaitState(seed, ImportJobState.CREATING);
    ship(name);
    awaitState(seed, ImportJobState.SHIPPING);
    MonitorFixture.handOver(drive);
    MonitorFixture.advance(Duration.ofDays(2));
    awaitState(seed, ImportJobState.RECEIVED);
    MonitorFixture.advance(Duration.ofDays(1));
    awaitState(seed, ImportJobState.TRANSFERRING);
    awaitState(seed, ImportJobState.PACKAGING); // the copy runs in real time
    MonitorFixture.advance(Duration.ofDays(2));
    await(seed, ImportJobFinished.class, r -> true);
  }

  void ship(String name) {
    jobs.ship(group, name, new DeliveryPackage("FedEx", String.valueOf(100_000_000_000L
        + Math.abs(name.hashCode())), 1, LocalDate.now(ZoneOffset.UTC)));
  }

  static void assertExactlyOnce(String seed, String driveId, ImportJobOutcome outcome) {
    List<SpecificRecord> all = all(seed);
    List<ImportJobStateChanged> states = ofType(all, ImportJobStateChanged.class);
    assertThat(states).extracting(ImportJobStateChanged::getState).containsExactlyElementsOf(STORY);
    List<ImportJobState> previous = new ArrayList<>();
    previous.add(null);
    previous.addAll(STORY.subList(0, STORY.size() - 1));
    assertThat(states).extracting(ImportJobStateChanged::getPreviousState).containsExactlyElementsOf(previous);
    assertThat(ofType(all, DriveStateChanged.class)).filteredOn(d -> d.getDriveId().equals(driveId))
        .extracting(DriveStateChanged::getState).containsExactly(DriveState.SPECIFIED, DriveState.RECEIVED,
            DriveState.TRANSFERRING, DriveState.COMPLETED);
    List<ImportJobFinished> finished = ofType(all, ImportJobFinished.class);
    assertThat(finished).singleElement().satisfies(f -> {
      assertThat(f.getOutcome()).isEqualTo(outcome);
      assertThat(f.getDrives()).singleElement().satisfies(d -> {
        assertThat(d.getErrorLogUri()).contains(driveId).endsWith("_error.xml");
        assertThat(d.getVerboseLogUri()).contains(driveId).endsWith("_verbose.xml");
      });
    });
    // the final event comes last, and no event id is published twice
    assertThat(all.getLast()).isInstanceOfAny(ImportJobFinished.class, DriveCopyLogReported.class);
    assertThat(all.stream().map(r -> Records.eventId(r)).distinct().count()).isEqualTo(all.size());
  }

  static void awaitState(String seed, ImportJobState state) {
    await(seed, ImportJobStateChanged.class, c -> c.getState() == state);
  }

  @SuppressWarnings("unchecked")
  static <T extends SpecificRecord> T await(String seed, Class<T> type, Predicate<T> match) {
    try (TopicReader reader = new TopicReader(KafkaTestBroker.client(), "seedship.importjob.events", true)) {
      return reader.readUntil(r -> seed.equals(r.key()) && type.isInstance(TopicReader.decode(r))
              && match.test((T) TopicReader.decode(r)), WAIT).stream()
          .filter(r -> seed.equals(r.key())).map(TopicReader::decode).filter(type::isInstance).map(type::cast)
          .filter(match).findFirst().orElseThrow();
    }
  }

  static <T extends SpecificRecord> List<T> events(String seed, Class<T> type) {
    return TopicReader.events(KafkaTestBroker.client(), seed, type, Duration.ofSeconds(2));
  }

  /** Every committed event of the seed on the import job topic, in order. */
  static List<SpecificRecord> all(String seed) {
    try (TopicReader reader = new TopicReader(KafkaTestBroker.client(), "seedship.importjob.events", true)) {
      return reader.readFor(Duration.ofSeconds(3)).stream().filter(r -> seed.equals(r.key()))
          .map(TopicReader::decode).toList();
    }
  }

  static <T> List<T> ofType(List<SpecificRecord> all, Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
