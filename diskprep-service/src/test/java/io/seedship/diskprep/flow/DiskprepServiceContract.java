package io.seedship.diskprep.flow;

import io.seedship.runtime.security.SeedshipRole;
import static io.seedship.diskprep.flow.DiskprepFixture.COPY_MACHINE;
import static io.seedship.diskprep.flow.DiskprepFixture.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.contracts.Topics;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.diskprep.DriveFormatConfirmed;
import io.seedship.contracts.diskprep.DriveFormatRefused;
import io.seedship.contracts.diskprep.DriveInfo;
import io.seedship.contracts.diskprep.DriveInventoryReported;
import io.seedship.contracts.diskprep.DrivePrepared;
import io.seedship.contracts.diskprep.DriveWriteProgress;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.diskprep.MoreDrivesNeeded;
import io.seedship.contracts.diskprep.RecoveryPasswordHandedOut;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.diskprep.DiskprepServiceApplication;
import io.seedship.diskprep.offers.InventoryWatcher;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.verify.DriveVerifier;
import io.seedship.driveformat.verify.VerifyReport;
import io.seedship.driveformat.write.ProgressListener;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.SecretScan;
import io.seedship.runtime.test.ServiceHttp;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TestDatabases;
import io.seedship.runtime.test.TopicReader;
import io.seedship.staging.chunks.StagingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The disk-prep agent over a real KRaft broker, a real database, local-azure's Import/Export and image
 * files standing in for drives: a staged seed is offered drives, bad confirmations are refused without touching a
 * drive, a good one writes two drives (spanning) that read back with their recovery passwords, and the import job is
 * created with both. Subclasses choose the database: the embedded H2 file of a copy machine, or PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
abstract class DiskprepServiceContract {

  static final Duration WAIT = Duration.ofSeconds(120);
  static final ObjectMapper JSON = new ObjectMapper();

  final LocalAzure azure = TestLocalAzure.shared();
  final List<String> passwords = new ArrayList<>();
  Path home;
  Path bay;
  String group;
  String account;
  ConfigurableApplicationContext service;
  SeedEventPublisher publisher;
  JdbcTemplate db;
  String seed;
  SeedAccepted accepted;
  StagingResult staged;

  abstract Map<String, Object> database();

  @BeforeAll
  void start() throws Exception {
    home = Files.createTempDirectory("diskprep-test");
    bay = Files.createDirectories(home.resolve("bay"));
    // 96 MiB of incompressible data in 40 MiB chunks: more than one 80 MiB drive holds
    staged = DiskprepFixture.stage(home.resolve("source"), home.resolve("staging/seed-1"), 96, 1);
    DiskprepFixture.drive(bay, "DRIVE-A", 80);
    DiskprepFixture.drive(bay, "DRIVE-B", 80);
    DiskprepFixture.markBitLocker(DiskprepFixture.drive(bay, "DRIVE-P", 80));
    Map<String, Object> props = new HashMap<>(DiskprepFixture.azureSettings(azure));
    props.put("spring.config.name", DiskprepServiceApplication.CONFIG_NAME);
    props.put("logging.file.name", home.resolve("diskprep-service.log").toString());
    props.put("seedship.instance-id", "diskprep-test");
    props.put("seedship.diskprep.drives.journal-dir", home.resolve("journal").toString());
    props.put("seedship.diskprep.kek-file", home.resolve("kek").toString());
    props.put("seedship.diskprep.copy-machine", COPY_MACHINE);
    props.put("seedship.diskprep.allow-virtual-drives", "true");
    props.put("seedship.diskprep.system-drives", "false");
    props.put("seedship.diskprep.image-bay", bay.toString());
    props.put("seedship.diskprep.progress-interval", "50ms");
    props.put("seedship.diskprep.drives.sync-every", "8388608");
    service = ServiceRunner.start(DiskprepServiceApplication.class, "diskprep-service",
        database(), props);
    publisher = KafkaTestBroker.publisher();
    db = service.getBean(JdbcTemplate.class);
    AzureClients clients = service.getBean(AzureClients.class);
    group = "rg-" + UUID.randomUUID().toString().substring(0, 8);
    account = "dp" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    clients.storage(SUBSCRIPTION).ensure(group, account, "westus");
    seed = UUID.randomUUID().toString();
    accepted = DiskprepFixture.accepted(seed, DiskprepFixture.request("seed-" + seed.substring(0, 8),
        home.resolve("staging"), group, account));
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @Order(1)
  void aStagedSeedIsOfferedTheDrivesWithTheirEligibility() {
    publisher.publish(accepted);
    publisher.publish(DiskprepFixture.completed(accepted, staged));

    DriveInventoryReported inventory = await(DriveInventoryReported.class);

    assertThat(inventory.getCopyMachine()).isEqualTo(COPY_MACHINE);
    assertThat(inventory.getBytesRequired()).isGreaterThan(staged.stagedBytes());
    assertThat(inventory.getDrives()).extracting(DriveInfo::getSerialNumber)
        .containsExactly("DRIVE-A", "DRIVE-B", "DRIVE-P");
    assertThat(inventory.getDrives()).filteredOn(DriveInfo::getEligible).extracting(DriveInfo::getSerialNumber)
        .containsExactly("DRIVE-A", "DRIVE-B");
    assertThat(drive(inventory, "DRIVE-P").getIneligibleReason()).contains("BitLocker").contains("never formatted twice");
    assertThat(all(MoreDrivesNeeded.class)).as("two 80 MiB drives hold 96 MiB").isEmpty();
  }

  @Test
  @Order(2)
  void aConfirmationNamingDrivesThatAreNotThereOrMayBePreparedIsRefusedAndTouchesNothing() throws Exception {
    Map<String, String> before = hashes();

    publisher.publish(DiskprepFixture.confirm(accepted, COPY_MACHINE, List.of("NO-SUCH", "DRIVE-P", "DRIVE-A",
        "DRIVE-A")));
    DriveFormatRefused refused = await(DriveFormatRefused.class);

    assertThat(refused.getProblems()).extracting(Problem::getField).containsExactly("NO-SUCH", "DRIVE-P", "DRIVE-A");
    assertThat(message(refused, "NO-SUCH")).contains("no drive with serial NO-SUCH is attached")
        .contains("DRIVE-A, DRIVE-B, DRIVE-P");
    assertThat(message(refused, "DRIVE-P")).contains("holds a BitLocker volume");
    assertThat(message(refused, "DRIVE-A")).contains("named twice");
    assertThat(db.queryForObject("select count(*) from prep_drive", Integer.class)).isZero();
    assertThat(hashes()).isEqualTo(before);

    // the operator's HTTP way in: its form is checked there, the drives by the agent, as for the command
    var http = ServiceHttp.operator(service, azure);
    var empty = http.post("/api/seeds/" + seed + "/drives/confirm", "{\"serialNumbers\": [\"X\", \"X\"]}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("serialNumbers names a drive twice").contains("confirmedBy");
    var sent = http.post("/api/seeds/" + seed + "/drives/confirm",
        "{\"serialNumbers\": [\"NO-SUCH-2\"], \"confirmedBy\": \"ops@example.com\"}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    try (var reader = new TopicReader(KafkaTestBroker.client(),
        Topics.topicOf(DriveFormatRefused.class).name(), true)) {
      DriveFormatRefused viaHttp = reader.readUntil(r -> seed.equals(r.key())
              && TopicReader.decode(r) instanceof DriveFormatRefused d
              && d.getDriveSerialNumbers().equals(List.of("NO-SUCH-2")), Duration.ofSeconds(30)).stream()
          .map(TopicReader::decode).filter(e -> e instanceof DriveFormatRefused d
              && d.getDriveSerialNumbers().equals(List.of("NO-SUCH-2"))).map(DriveFormatRefused.class::cast)
          .findFirst().orElseThrow();
      assertThat(message(viaHttp, "NO-SUCH-2")).contains("no drive with serial NO-SUCH-2 is attached");
      // the person named by the tool is recorded with the signed-in caller: a name cannot be borrowed
      assertThat(viaHttp.getConfirmedBy())
          .isEqualTo("ops@example.com (via app:" + TestLocalAzure.SEEDSHIP_TEST_CLIENT_ID + ")");
    }
    assertThat(db.queryForObject("select count(*) from prep_drive", Integer.class)).isZero();
    assertThat(hashes()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void oneDriveTooFewIsRefusedAndMoreDrivesAreAskedFor() throws Exception {
    Map<String, String> before = hashes();

    publisher.publish(DiskprepFixture.confirm(accepted, COPY_MACHINE, List.of("DRIVE-A")));
    DriveFormatRefused refused = TopicReader.events(KafkaTestBroker.client(), seed, DriveFormatRefused.class,
        Duration.ofSeconds(20)).stream().filter(r -> r.getDriveSerialNumbers().equals(List.of("DRIVE-A")))
        .findFirst().orElseThrow();
    MoreDrivesNeeded more = await(MoreDrivesNeeded.class);

    assertThat(message(refused, "driveSerialNumbers")).contains("still to place");
    assertThat(more.getBytesStillToPlace()).isPositive();
    assertThat(more.getBytesOffered() + more.getBytesStillToPlace()).isEqualTo(more.getBytesRequired());
    assertThat(hashes()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void anotherCopyMachinesConfirmationIsNotThisAgentsBusiness() throws Exception {
    Map<String, String> before = hashes();
    int refusedBefore = all(DriveFormatRefused.class).size();

    publisher.publish(DiskprepFixture.confirm(accepted, "copy-elsewhere", List.of("DRIVE-A", "DRIVE-B")));

    Thread.sleep(2000);
    assertThat(all(DriveFormatRefused.class)).hasSize(refusedBefore);
    assertThat(all(DriveFormatConfirmed.class)).isEmpty();
    assertThat(hashes()).isEqualTo(before);
  }

  @Test
  @Order(10)
  void confirmedDrivesAreWrittenVerifiedAndRegisteredInOneImportJob() throws Exception {
    publisher.publish(DiskprepFixture.confirm(accepted, COPY_MACHINE, List.of("DRIVE-A", "DRIVE-B")));

    assertThat(await(DriveFormatConfirmed.class).getDriveSerialNumbers()).containsExactly("DRIVE-A", "DRIVE-B");
    ImportJobCreated job = await(ImportJobCreated.class);
    List<DrivePrepared> prepared = all(DrivePrepared.class);

    assertThat(prepared).extracting(DrivePrepared::getDriveId).containsExactlyInAnyOrder("DRIVE-A", "DRIVE-B");
    assertThat(prepared.stream().mapToLong(DrivePrepared::getDataBytes).sum())
        .as("every chunk, the manifest and its hash file").isGreaterThan(staged.stagedBytes());
    List<DriveWriteProgress> progress = all(DriveWriteProgress.class);
    assertThat(progress).isNotEmpty().allMatch(p -> p.getBytesDone() <= p.getBytesTotal());
    assertThat(progress).anyMatch(p -> p.getBytesDone() == p.getBytesTotal() && p.getDriveCount() == 2);

    assertThat(job.getDriveIds()).containsExactlyInAnyOrder("DRIVE-A", "DRIVE-B");
    assertThat(job.getShippingAddress().getCity()).isNotBlank();
    assertThat(job.getSupportedCarriers()).isNotEmpty();
    ImportJobStatus inAzure = service.getBean(AzureClients.class).importJobs(SUBSCRIPTION)
        .find(group, accepted.getRequest().getImportJobName()).orElseThrow();
    assertThat(inAzure.drives()).hasSize(2);
    assertThat(inAzure.storageAccountId()).endsWith("/" + account);

    for (DrivePrepared drive : prepared) {
      RecoveryPassword password = RecoveryPassword.parse(handOut(drive.getDriveId()));
      VerifyReport report = DriveVerifier.verify(bay.resolve(drive.getDriveId() + ".img"), password,
          ProgressListener.NONE);
      assertThat(report.ok()).as(report.problems().toString()).isTrue();
      assertThat(report.manifestHash()).isEqualTo(drive.getManifestHash());
      assertThat(report.blobs()).isEqualTo(drive.getBlobCount());
    }
    assertThat(all(RecoveryPasswordHandedOut.class)).extracting(RecoveryPasswordHandedOut::getDriveId)
        .containsExactlyInAnyOrder("DRIVE-A", "DRIVE-B");
    assertThat(all(RecoveryPasswordHandedOut.class)).extracting(RecoveryPasswordHandedOut::getRequestedBy)
        .as("the caller named by the token").containsOnly("app:" + TestLocalAzure.SEEDSHIP_TEST_CLIENT_ID);
    assertThat(db.queryForList("select state from prep_drive", String.class)).containsOnly("WRITTEN");
    assertThat(db.queryForObject("select state from prep_seed where seed_id = ?", String.class, seed))
        .isEqualTo("JOB_CREATED");
  }

  @Test
  @Order(11)
  void aDriveOfOneSeedIsRefusedToAnotherAndTheWrittenDrivesAreNotTouched() throws Exception {
    Map<String, String> before = hashes();
    String other = UUID.randomUUID().toString();
    SeedAccepted second = DiskprepFixture.accepted(other, DiskprepFixture.request("seed-" + other.substring(0, 8),
        home.resolve("staging"), group, account));
    publisher.publish(second);
    publisher.publish(DiskprepFixture.completed(second, staged));
    TopicReader.awaitEvent(KafkaTestBroker.client(), other, DriveInventoryReported.class, WAIT);

    publisher.publish(DiskprepFixture.confirm(second, COPY_MACHINE, List.of("DRIVE-A", "DRIVE-B")));
    DriveFormatRefused refused = TopicReader.awaitEvent(KafkaTestBroker.client(), other,
        DriveFormatRefused.class, WAIT);

    assertThat(message(refused, "DRIVE-A")).contains("belongs to seed " + seed);
    assertThat(message(refused, "DRIVE-B")).contains("belongs to seed " + seed);
    assertThat(hashes()).isEqualTo(before);
  }

  @Test
  @Order(12)
  void aRecoveryPasswordIsHandedOutOnlyToAKeyCustodianWithAReason() throws Exception {
    int audited = all(RecoveryPasswordHandedOut.class).size();
    var custodian = ServiceHttp.as(service, azure, SeedshipRole.KEY_CUSTODIAN);
    var noReason = custodian.post("/api/drives/DRIVE-A/recovery-password", "{}");
    var unknown = custodian.post("/api/drives/NO-SUCH/recovery-password", "{\"reason\": \"incident 42\"}");
    var operator = ServiceHttp.operator(service, azure)
        .post("/api/drives/DRIVE-A/recovery-password", "{\"reason\": \"incident 42\"}");
    var claimsToBeSomeoneElse = custodian.post("/api/drives/DRIVE-A/recovery-password",
        "{\"requestedBy\": \"ceo@example.com\", \"reason\": \"incident 42\"}");

    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("reason").doesNotContain(passwords.getFirst());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(operator.statusCode()).as("an operator is not a key custodian").isEqualTo(403);
    assertThat(operator.body()).contains("Seedship.KeyCustodian").doesNotContain(passwords.getFirst());
    assertThat(claimsToBeSomeoneElse.statusCode()).as("who asks comes from the token").isEqualTo(400);
    assertThat(all(RecoveryPasswordHandedOut.class)).as("refusals hand out nothing, so audit nothing").hasSize(audited);
  }

  @Test
  @Order(13)
  void drivesComingAndGoingAreReportedToSeedsWaitingForDrives() throws Exception {
    String third = UUID.randomUUID().toString();
    SeedAccepted waiting = DiskprepFixture.accepted(third, DiskprepFixture.request("seed-" + third.substring(0, 8),
        home.resolve("staging"), group, account));
    publisher.publish(waiting);
    publisher.publish(DiskprepFixture.completed(waiting, staged));
    TopicReader.awaitEvent(KafkaTestBroker.client(), third, DriveInventoryReported.class, WAIT);

    DiskprepFixture.drive(bay, "DRIVE-NEW", 200);
    service.getBean(InventoryWatcher.class).poll();

    List<DriveInventoryReported> reports = TopicReader.events(KafkaTestBroker.client(), third,
        DriveInventoryReported.class, Duration.ofSeconds(20));
    assertThat(reports.getLast().getDrives()).extracting(DriveInfo::getSerialNumber).contains("DRIVE-NEW");
    assertThat(drive(reports.getLast(), "DRIVE-NEW").getEligible()).isTrue();
  }

  @Test
  @Order(20)
  void aStagingChangedAfterTheConfirmationFailsTheSeedAndFreesTheUntouchedDrives() throws Exception {
    String broken = UUID.randomUUID().toString();
    StagingResult small = DiskprepFixture.stage(home.resolve("source-small"), home.resolve("staging/broken"), 16, 9);
    SeedAccepted seedAccepted = DiskprepFixture.accepted(broken, DiskprepFixture.request(
        "seed-" + broken.substring(0, 8), home.resolve("staging"), group, account));
    publisher.publish(seedAccepted);
    publisher.publish(DiskprepFixture.completed(seedAccepted, small));
    TopicReader.awaitEvent(KafkaTestBroker.client(), broken, DriveInventoryReported.class, WAIT);
    Files.delete(small.manifestPath().getParent().resolve("chunk-000001.zst"));
    Map<String, String> before = hashes();

    publisher.publish(DiskprepFixture.confirm(seedAccepted, COPY_MACHINE, List.of("DRIVE-NEW")));
    SeedFailed failed = TopicReader.awaitEvent(KafkaTestBroker.client(), broken, SeedFailed.class, WAIT);

    assertThat(failed.getStage()).isEqualTo(SeedStage.DISK_PREP);
    assertThat(failed.getProblems()).extracting(Problem::getField).containsExactly("stagingLocation");
    assertThat(failed.getReason()).contains("chunk-000001.zst is missing");
    assertThat(db.queryForObject("select count(*) from prep_drive where serial = 'DRIVE-NEW'", Integer.class))
        .as("a drive never touched is free again").isZero();
    assertThat(db.queryForObject("select state from prep_seed where seed_id = ?", String.class, broken))
        .isEqualTo("FAILED");
    assertThat(hashes()).isEqualTo(before);
  }

  @Test
  @Order(100)
  void noRecoveryPasswordReachedKafkaOrALogLine(CapturedOutput output) {
    assertThat(passwords).hasSize(2);
    SecretScan.read(KafkaTestBroker.client(), home.resolve("diskprep-service.log"), output.getAll())
        .assertNoneOf(passwords);
  }

  // ---------------------------------------------------------------------------------------------------------------

  String handOut(String serial) throws Exception {
    var response = ServiceHttp.as(service, azure, SeedshipRole.KEY_CUSTODIAN)
        .post("/api/drives/" + serial + "/recovery-password", "{\"reason\": \"test read-back\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    JsonNode body = JSON.readTree(response.body());
    String password = body.path("recoveryPassword").asText();
    passwords.add(password);
    return password;
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

  static DriveInfo drive(DriveInventoryReported inventory, String serial) {
    return inventory.getDrives().stream().filter(d -> d.getSerialNumber().equals(serial)).findFirst().orElseThrow();
  }

  static String message(DriveFormatRefused refused, String field) {
    return refused.getProblems().stream().filter(p -> field.equals(p.getField())).map(Problem::getMessage)
        .findFirst().orElseThrow(() -> new AssertionError("no problem about " + field + " in " + refused));
  }

  <T extends SpecificRecord> T await(Class<T> type) {
    return TopicReader.awaitEvent(KafkaTestBroker.client(), seed, type, WAIT);
  }

  <T extends SpecificRecord> List<T> all(Class<T> type) {
    return TopicReader.events(KafkaTestBroker.client(), seed, type, Duration.ofSeconds(2));
  }
}
