package io.seedship.diskprep.flow;

import static io.seedship.diskprep.flow.DiskprepFixture.COPY_MACHINE;
import static io.seedship.diskprep.flow.DiskprepFixture.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.contracts.command.CancelSeed;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.diskprep.DriveFormatConfirmed;
import io.seedship.contracts.diskprep.DriveFormatRefused;
import io.seedship.contracts.diskprep.DriveInventoryReported;
import io.seedship.contracts.diskprep.DrivePrepared;
import io.seedship.contracts.diskprep.DriveWriteProgress;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.diskprep.DiskprepServiceApplication;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.security.SeedshipRole;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.ServiceHttp;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TopicReader;
import io.seedship.staging.chunks.StagingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An operator's CancelSeed on the disk-prep agent, over a real broker, a real database, local-azure and image drives:
 * the copy machine ends a seed it holds (drives offered, drives being written) with one cancelled SeedFailed naming
 * the drives to format again, refuses a later confirmation, remembers a cancel heard before staging completed, and
 * leaves a seed whose import job exists to shipping-service. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DiskprepCancelContract {

  static final Duration WAIT = Duration.ofSeconds(120);
  static final String OPERATOR = "ops@example.com";

  final LocalAzure azure = TestLocalAzure.shared();
  Path home;
  Path bay;
  String group;
  String account;
  ConfigurableApplicationContext service;
  SeedEventPublisher publisher;
  JdbcTemplate db;
  StagingResult staged;

  abstract Map<String, Object> database();

  @BeforeAll
  void start() throws Exception {
    home = Files.createTempDirectory("diskprep-cancel");
    bay = Files.createDirectories(home.resolve("bay"));
    // 96 MiB in 40 MiB chunks: written over two 80 MiB drives, the first one first
    staged = DiskprepFixture.stage(home.resolve("source"), home.resolve("staging/seed-1"), 96, 5);
    DiskprepFixture.drive(bay, "CANCEL-W1", 80);
    DiskprepFixture.drive(bay, "CANCEL-W2", 80);
    Map<String, Object> props = new HashMap<>(DiskprepFixture.azureSettings(azure));
    props.put("spring.config.name", DiskprepServiceApplication.CONFIG_NAME);
    props.put("logging.file.name", home.resolve("diskprep-service.log").toString());
    props.put("seedship.instance-id", "diskprep-cancel-test");
    props.put("seedship.diskprep.drives.journal-dir", home.resolve("journal").toString());
    props.put("seedship.diskprep.kek-file", home.resolve("kek").toString());
    props.put("seedship.diskprep.copy-machine", COPY_MACHINE);
    props.put("seedship.diskprep.allow-virtual-drives", "true");
    props.put("seedship.diskprep.system-drives", "false");
    props.put("seedship.diskprep.image-bay", bay.toString());
    props.put("seedship.diskprep.progress-interval", "50ms");
    props.put("seedship.diskprep.drives.sync-every", "8388608");
    service = ServiceRunner.start(DiskprepWithHeldWrites.class, "diskprep-service", database(), props);
    publisher = KafkaTestBroker.publisher();
    db = service.getBean(JdbcTemplate.class);
    AzureClients clients = service.getBean(AzureClients.class);
    group = "rg-" + UUID.randomUUID().toString().substring(0, 8);
    account = "dc" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    clients.storage(SUBSCRIPTION).ensure(group, account, "westus");
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @Order(1)
  void aCancelWhileDrivesAreOfferedEndsTheSeedAndALaterConfirmationIsRefusedTouchingNoDrive() throws Exception {
    SeedAccepted accepted = newSeed();
    String seed = seedOf(accepted);
    publisher.publish(accepted);
    publisher.publish(DiskprepFixture.completed(accepted, staged));
    TopicReader.awaitEvent(KafkaTestBroker.client(), seed, DriveInventoryReported.class, WAIT);
    Map<String, String> before = hashes();

    publisher.publish(cancel(accepted, "wrong source"));
    SeedFailed failed = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, SeedFailed.class, WAIT);

    assertThat(failed.getCancelled()).isTrue();
    assertThat(failed.getStage()).isEqualTo(SeedStage.DISK_PREP);
    assertThat(failed.getReason()).startsWith("cancelled by " + OPERATOR + ": wrong source; ")
        .contains("drives were offered and none was confirmed").contains("no drive was touched");
    assertThat(state(seed)).isEqualTo("CANCELLED");

    // the operator confirms anyway, by command and over HTTP: refused like any confirmation of a seed not waiting
    publisher.publish(DiskprepFixture.confirm(accepted, COPY_MACHINE, List.of("CANCEL-W1", "CANCEL-W2")));
    DriveFormatRefused refused = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, DriveFormatRefused.class,
        WAIT);
    assertThat(DiskprepServiceContract.message(refused, "seedId"))
        .contains("was cancelled by " + OPERATOR + ": wrong source").contains("no drive is formatted for it");
    var sent = ServiceHttp.operator(service, azure).post("/api/seeds/" + seed + "/drives/confirm",
        "{\"serialNumbers\": [\"CANCEL-W1\"], \"confirmedBy\": \"" + OPERATOR + "\"}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    awaitTrue(() -> TopicReader.events(KafkaTestBroker.client(), seed, DriveFormatRefused.class,
        Duration.ofSeconds(1)).stream().anyMatch(r -> r.getDriveSerialNumbers().equals(List.of("CANCEL-W1"))
        && DiskprepServiceContract.message(r, "seedId").contains("was cancelled by")), "the HTTP refusal");

    assertThat(TopicReader.events(KafkaTestBroker.client(), seed, DriveFormatConfirmed.class, Duration.ofSeconds(2)))
        .isEmpty();
    assertThat(db.queryForObject("select count(*) from prep_drive where seed_id = ?", Integer.class, seed)).isZero();
    assertThat(hashes()).as("no drive was touched").isEqualTo(before);
    assertThat(TopicReader.events(KafkaTestBroker.client(), seed, SeedFailed.class, Duration.ofSeconds(2)))
        .hasSize(1);
  }

  @Test
  @Order(2)
  void aCancelDuringTheDriveWriteStopsItAndNamesTheDriveThatWasBeingWritten() throws Exception {
    SeedAccepted accepted = newSeed();
    String seed = seedOf(accepted);
    publisher.publish(accepted);
    publisher.publish(DiskprepFixture.completed(accepted, staged));
    TopicReader.awaitEvent(KafkaTestBroker.client(), seed, DriveInventoryReported.class, WAIT);
    String untouched = DiskprepFixture.sha256(bay.resolve("CANCEL-W2.img"));
    DiskprepWithHeldWrites.hold(seed);
    try {
      publisher.publish(DiskprepFixture.confirm(accepted, COPY_MACHINE, List.of("CANCEL-W1", "CANCEL-W2")));
      TopicReader.awaitEvent(KafkaTestBroker.client(), seed, DriveWriteProgress.class, WAIT);

      publisher.publish(cancel(accepted, "the backup server is being replaced"));
      SeedFailed failed = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, SeedFailed.class, WAIT);

      assertThat(failed.getCancelled()).isTrue();
      assertThat(failed.getStage()).isEqualTo(SeedStage.DISK_PREP);
      assertThat(failed.getReason()).contains("the drive write was stopped")
          .contains("drive CANCEL-W1 was partly written; format it before reuse")
          .contains("drive CANCEL-W2 was confirmed but not touched, and free again");
      assertThat(failed.getProblems()).extracting(Problem::getField).containsExactly("CANCEL-W1");
      assertThat(failed.toString()).as("no recovery password in the event")
          .doesNotContain(recoveryPassword("CANCEL-W1"));
    } finally {
      DiskprepWithHeldWrites.release(seed);
    }

    // released, the write stops at its next progress report: its unit ends without finishing
    Counter stopped = service.getBean(MeterRegistry.class).counter("seedship.work.ended", "kind", "write-drives",
        "outcome", "lost");
    awaitTrue(() -> stopped.count() >= 1, "the write to stop", Duration.ofSeconds(15));
    assertThat(workStates(seed)).containsEntry("write-drives", "CANCELLED").doesNotContainKey("create-import-job");
    assertThat(Files.readString(home.resolve("journal/CANCEL-W1.journal"))).as("the drive's write never completed")
        .doesNotContain("committed");
    assertThat(db.queryForList("select serial || ' ' || state from prep_drive where seed_id = ?", String.class, seed))
        .as("the partly written drive stays taken, keeping its password; the other is free again")
        .containsExactly("CANCEL-W1 WRITING");
    assertThat(DiskprepFixture.sha256(bay.resolve("CANCEL-W2.img"))).isEqualTo(untouched);
    assertThat(state(seed)).isEqualTo("CANCELLED");
    Thread.sleep(2000);
    assertThat(TopicReader.events(KafkaTestBroker.client(), seed, DrivePrepared.class, Duration.ofSeconds(2)))
        .isEmpty();
    assertThat(TopicReader.events(KafkaTestBroker.client(), seed, ImportJobCreated.class, Duration.ofSeconds(2)))
        .isEmpty();
    assertThat(TopicReader.events(KafkaTestBroker.client(), seed, SeedFailed.class, Duration.ofSeconds(2)))
        .hasSize(1);
  }

  @Test
  @Order(3)
  void aCancelHeardBeforeStagingCompletedEndsTheSeedWhenItCompletesWithNoDriveOffered() throws Exception {
    SeedAccepted accepted = newSeed();
    String seed = seedOf(accepted);
    publisher.publish(accepted);
    awaitTrue(() -> count("select count(*) from prep_seed where seed_id = ?", seed) == 1, "the seed remembered");

    publisher.publish(cancel(accepted, "requested twice"));
    awaitTrue(() -> count("select count(*) from seed_cancellation where seed_id = ?", seed) == 1,
        "the cancel recorded");

    assertThat(TopicReader.events(KafkaTestBroker.client(), seed, SeedFailed.class, Duration.ofSeconds(2)))
        .as("staging-service still holds the seed: it ends it, or the next step does").isEmpty();
    assertThat(state(seed)).isEqualTo("ACCEPTED");

    publisher.publish(DiskprepFixture.completed(accepted, staged));
    SeedFailed failed = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, SeedFailed.class, WAIT);

    assertThat(failed.getCancelled()).isTrue();
    assertThat(failed.getStage()).isEqualTo(SeedStage.DISK_PREP);
    assertThat(failed.getReason()).startsWith("cancelled by " + OPERATOR + ": requested twice; ")
        .contains("no drive was offered and no drive was touched");
    assertThat(state(seed)).isEqualTo("CANCELLED");
    assertThat(workStates(seed)).as("nothing was scheduled for it").isEmpty();
    assertThat(TopicReader.events(KafkaTestBroker.client(), seed, DriveInventoryReported.class,
        Duration.ofSeconds(2))).isEmpty();
    assertThat(TopicReader.events(KafkaTestBroker.client(), seed, SeedFailed.class, Duration.ofSeconds(2)))
        .hasSize(1);
  }

  @Test
  @Order(4)
  void aCancelOnceTheImportJobExistsIsLeftToShippingService() throws Exception {
    StagingResult small = DiskprepFixture.stage(home.resolve("source-small"), home.resolve("staging/small"), 16, 6);
    DiskprepFixture.drive(bay, "CANCEL-J1", 80);
    SeedAccepted accepted = newSeed();
    String seed = seedOf(accepted);
    publisher.publish(accepted);
    publisher.publish(DiskprepFixture.completed(accepted, small));
    TopicReader.awaitEvent(KafkaTestBroker.client(), seed, DriveInventoryReported.class, WAIT);
    publisher.publish(DiskprepFixture.confirm(accepted, COPY_MACHINE, List.of("CANCEL-J1")));
    TopicReader.awaitEvent(KafkaTestBroker.client(), seed, ImportJobCreated.class, WAIT);

    publisher.publish(cancel(accepted, "too late"));
    awaitTrue(() -> count("select count(*) from seed_cancellation where seed_id = ?", seed) == 1,
        "the cancel recorded");

    assertThat(TopicReader.events(KafkaTestBroker.client(), seed, SeedFailed.class, Duration.ofSeconds(3)))
        .isEmpty();
    assertThat(state(seed)).isEqualTo("JOB_CREATED");
    assertThat(workStates(seed)).containsEntry("write-drives", "DONE").containsEntry("create-import-job", "DONE");
  }

  // ---------------------------------------------------------------------------------------------------------------

  SeedAccepted newSeed() {
    String seed = UUID.randomUUID().toString();
    return DiskprepFixture.accepted(seed, DiskprepFixture.request("cancel-" + seed.substring(0, 8),
        home.resolve("staging"), group, account));
  }

  static String seedOf(SeedAccepted accepted) {
    return accepted.getMetadata().getSeedId();
  }

  static CancelSeed cancel(SeedAccepted accepted, String reason) {
    return CancelSeed.newBuilder().setMetadata(DiskprepFixture.metadata(seedOf(accepted), "seedship-cli",
        accepted.getMetadata())).setReason(reason).setRequestedBy(OPERATOR).build();
  }

  String state(String seed) {
    return db.queryForObject("select state from prep_seed where seed_id = ?", String.class, seed);
  }

  int count(String sql, String seed) {
    return db.queryForObject(sql, Integer.class, seed);
  }

  /** The seed's work units by kind, with their states. */
  Map<String, String> workStates(String seed) {
    Map<String, String> states = new HashMap<>();
    db.query("select kind, state from stage_work where seed_id = ?", rs -> {
      states.put(rs.getString("kind"), rs.getString("state"));
    }, seed);
    return states;
  }

  String recoveryPassword(String serial) throws Exception {
    var response = ServiceHttp.as(service, azure, SeedshipRole.KEY_CUSTODIAN)
        .post("/api/drives/" + serial + "/recovery-password", "{\"reason\": \"cancel test\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return DiskprepServiceContract.JSON.readTree(response.body()).path("recoveryPassword").asText();
  }

  Map<String, String> hashes() throws Exception {
    Map<String, String> hashes = new HashMap<>();
    try (var files = Files.list(bay)) {
      for (Path f : files.toList()) {
        hashes.put(f.getFileName().toString(), DiskprepFixture.sha256(f));
      }
    }
    return hashes;
  }

  static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    awaitTrue(condition, what, WAIT);
  }

  static void awaitTrue(BooleanSupplier condition, String what, Duration wait) throws InterruptedException {
    Instant deadline = Instant.now().plus(wait);
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("waited " + wait + " for " + what);
  }
}
