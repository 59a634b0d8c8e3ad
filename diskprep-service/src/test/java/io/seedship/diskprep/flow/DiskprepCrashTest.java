package io.seedship.diskprep.flow;

import io.seedship.runtime.security.SeedshipRole;
import static io.seedship.diskprep.flow.DiskprepFixture.COPY_MACHINE;
import static io.seedship.diskprep.flow.DiskprepFixture.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.contracts.diskprep.DriveFormatRefused;
import io.seedship.contracts.diskprep.DriveInventoryReported;
import io.seedship.contracts.diskprep.DrivePrepared;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.diskprep.DiskprepServiceApplication;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.verify.DriveVerifier;
import io.seedship.driveformat.write.ProgressListener;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.ServiceHttp;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TestDatabases;
import io.seedship.runtime.test.TopicReader;
import io.seedship.runtime.testapp.publisher.PublisherTestApplication;
import io.seedship.staging.chunks.StagingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The agent killed with SIGKILL (a child JVM, so it can really be killed) while formatting, during the copy, and just
 * after the import job was created in Azure; then started again on the same copy machine (same database file, same
 * journals, same drives): the same drives, one import job, one DrivePrepared per drive, and no drive formatted twice
 * (a drive whose layout was finished keeps its volume, and the password sealed before the kill still opens it). And
 * with the agent's database wiped, a written drive is refused rather than formatted again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskprepCrashTest {

  enum KillPoint { FORMATTING, COPYING, AFTER_JOB_CREATED }

  static final Duration WAIT = Duration.ofSeconds(180);

  final LocalAzure azure = TestLocalAzure.shared();
  Path root;
  StagingResult staged;
  ConfigurableApplicationContext publisherService;
  SeedEventPublisher publisher;
  String group;
  String account;

  @BeforeAll
  void start() throws Exception {
    root = Files.createTempDirectory("diskprep-crash");
    staged = DiskprepFixture.stage(root.resolve("source"), root.resolve("staging/seed"), 128, 3);
    publisherService = ServiceRunner.start(PublisherTestApplication.class, "diskprep-crash-publisher",
        TestDatabases.h2("diskprep-crash-publisher"), DiskprepFixture.azureSettings(azure));
    publisher = publisherService.getBean(SeedEventPublisher.class);
    AzureClients clients = publisherService.getBean(AzureClients.class);
    group = "rg-" + UUID.randomUUID().toString().substring(0, 8);
    account = "dk" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    clients.storage(SUBSCRIPTION).ensure(group, account, "westus");
  }

  @AfterAll
  void stop() {
    if (publisherService != null) {
      publisherService.close();
    }
  }

  @ParameterizedTest
  @EnumSource(KillPoint.class)
  @Timeout(600)
  void killedAndRestartedTheAgentFinishesWithTheSameDrivesOneJobAndNoDriveFormattedTwice(KillPoint point)
      throws Exception {
    Path home = Files.createDirectories(root.resolve(point.name()));
    Path bay = Files.createDirectories(home.resolve("bay"));
    String a = point.name() + "-A";
    String b = point.name() + "-B";
    DiskprepFixture.drive(bay, a, 100);
    DiskprepFixture.drive(bay, b, 100);
    Map<String, Object> settings = settings(home, bay);
    String seed = UUID.randomUUID().toString();
    SeedAccepted accepted = DiskprepFixture.accepted(seed, DiskprepFixture.request(
        "crash-" + seed.substring(0, 8), root.resolve("staging"), group, account));
    Path journalA = home.resolve("data/drive-journal/" + a + ".journal");
    Path journalB = home.resolve("data/drive-journal/" + b + ".journal");

    Process child = startChild(settings, home.resolve("child.log"));
    ConfigurableApplicationContext restarted = null;
    try {
      publisher.publish(accepted);
      publisher.publish(DiskprepFixture.completed(accepted, staged));
      TopicReader.awaitEvent(KafkaTestBroker.client(), seed, DriveInventoryReported.class, WAIT);
      publisher.publish(DiskprepFixture.confirm(accepted, COPY_MACHINE, List.of(a, b)));

      BooleanSupplier killNow = switch (point) {
        // the first drive's password is sealed and kept and its plan journaled; NTFS and BitLocker are being laid out
        case FORMATTING -> () -> journal(journalA).contains("\nplan") && !journal(journalA).contains("\nlayout");
        // the second drive is laid out and data is going in, not yet committed
        case COPYING -> () -> journal(journalB).contains("\nlayout") && !journal(journalB).contains("\ncommitted");
        case AFTER_JOB_CREATED -> () -> jobExists(accepted);
      };
      awaitTrue(killNow, home.resolve("child.log"));
      String layoutA = layout(journalA);
      String layoutB = layout(journalB);
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no lease given back, a Kafka transaction left open
      child.waitFor();

      restarted = ServiceRunner.start(DiskprepServiceApplication.class, "diskprep-service", Map.of(), settings);
      ImportJobCreated job = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, ImportJobCreated.class,
          WAIT);

      assertThat(job.getDriveIds()).containsExactlyInAnyOrder(a, b);
      assertThat(TopicReader.events(KafkaTestBroker.client(), seed, ImportJobCreated.class,
          Duration.ofSeconds(3))).hasSize(1);
      assertThat(TopicReader.events(KafkaTestBroker.client(), seed, DrivePrepared.class,
          Duration.ofSeconds(2))).extracting(DrivePrepared::getDriveId).containsExactlyInAnyOrder(a, b);
      var jobs = restarted.getBean(AzureClients.class).importJobs(SUBSCRIPTION).list(group);
      assertThat(jobs).filteredOn(j -> j.jobName().equals(accepted.getRequest().getImportJobName())).hasSize(1);
      // a layout finished before the kill is the layout the drive has now: it was not formatted again
      if (layoutA != null) {
        assertThat(layout(journalA)).isEqualTo(layoutA);
      }
      if (layoutB != null) {
        assertThat(layout(journalB)).isEqualTo(layoutB);
      }
      for (String serial : List.of(a, b)) {
        var response = ServiceHttp.as(restarted, azure, SeedshipRole.KEY_CUSTODIAN)
            .post("/api/drives/" + serial + "/recovery-password", "{\"reason\": \"crash test read-back\"}");
        String password = new ObjectMapper().readTree(response.body()).path("recoveryPassword").asText();
        assertThat(DriveVerifier.verify(bay.resolve(serial + ".img"), RecoveryPassword.parse(password),
            ProgressListener.NONE).ok()).as("drive %s reads back with the password sealed for it", serial).isTrue();
      }

      if (point == KillPoint.AFTER_JOB_CREATED) {
        aWipedDatabaseRefusesTheWrittenDrives(restarted, home, bay, List.of(a, b));
        restarted = null;
      }
    } finally {
      child.destroyForcibly();
      if (restarted != null) {
        restarted.close();
      }
    }
  }

  /** The agent's database is lost (journals too): the drives' own BitLocker volumes still keep them from a new seed. */
  void aWipedDatabaseRefusesTheWrittenDrives(ConfigurableApplicationContext running, Path home, Path bay,
                                             List<String> serials) throws Exception {
    running.close();
    Map<String, String> before = new HashMap<>();
    for (String serial : serials) {
      before.put(serial, DiskprepFixture.sha256(bay.resolve(serial + ".img")));
    }
    Path wiped = Files.createDirectories(home.resolve("wiped"));
    Map<String, Object> settings = settings(wiped, bay);
    ConfigurableApplicationContext fresh = ServiceRunner.start(DiskprepServiceApplication.class, "diskprep-service",
        Map.of(), settings);
    try {
      String seed = UUID.randomUUID().toString();
      SeedAccepted accepted = DiskprepFixture.accepted(seed, DiskprepFixture.request(
          "again-" + seed.substring(0, 8), root.resolve("staging"), group, account));
      publisher.publish(accepted);
      publisher.publish(DiskprepFixture.completed(accepted, staged));
      TopicReader.awaitEvent(KafkaTestBroker.client(), seed, DriveInventoryReported.class, WAIT);
      publisher.publish(DiskprepFixture.confirm(accepted, COPY_MACHINE, serials));

      DriveFormatRefused refused = TopicReader.awaitEvent(KafkaTestBroker.client(), seed,
          DriveFormatRefused.class, WAIT);
      assertThat(refused.getProblems()).hasSize(serials.size())
          .allSatisfy(p -> assertThat(p.getMessage()).contains("holds a BitLocker volume"));
      for (String serial : serials) {
        assertThat(DiskprepFixture.sha256(bay.resolve(serial + ".img"))).isEqualTo(before.get(serial));
      }
    } finally {
      fresh.close();
    }
  }

  Map<String, Object> settings(Path home, Path bay) {
    Map<String, Object> settings = new HashMap<>(DiskprepFixture.azureSettings(azure));
    settings.put("spring.config.name", DiskprepServiceApplication.CONFIG_NAME);
    settings.put("seedship.instance-id", "diskprep-crash");
    settings.put("seedship.data-dir", home.resolve("data").toString());
    settings.put("logging.file.name", home.resolve("diskprep-service.log").toString());
    settings.put("seedship.diskprep.copy-machine", COPY_MACHINE);
    settings.put("seedship.diskprep.system-drives", "false");
    settings.put("seedship.diskprep.allow-virtual-drives", "true");
    settings.put("seedship.diskprep.image-bay", bay.toString());
    settings.put("seedship.diskprep.drives.sync-every", "1048576");
    // the killed instance leaves a Kafka transaction open; a short timeout lets the broker abort it soon
    settings.put("spring.cloud.stream.kafka.binder.transaction.producer.configuration.transaction.timeout.ms",
        "10000");
    return settings;
  }

  Process startChild(Map<String, Object> settings, Path log) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), DiskprepServiceApplication.class.getName(),
        "--spring.application.name=diskprep-service", "--server.port=0", "--seedship.topics.partitions=3",
        "--spring.cloud.stream.kafka.binder.configuration.session.timeout.ms=6000"));
    KafkaTestBroker.serviceSettings("diskprep-service").forEach((k, v) -> command.add("--" + k + "=" + v));
    settings.forEach((k, v) -> command.add("--" + k + "=" + v));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  boolean jobExists(SeedAccepted accepted) {
    return publisherService.getBean(AzureClients.class).importJobs(SUBSCRIPTION)
        .find(group, accepted.getRequest().getImportJobName()).isPresent();
  }

  static String journal(Path file) {
    try {
      return Files.exists(file) ? "\n" + Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** The journal's layout line (volume GUID and areas): the same line means the same formatting. */
  static String layout(Path file) {
    return journal(file).lines().filter(l -> l.startsWith("layout")).findFirst().orElse(null);
  }

  static void awaitTrue(BooleanSupplier condition, Path childLog) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(2);
    }
    List<String> lines = Files.readAllLines(childLog);
    throw new AssertionError("the kill point never came; the child's log:\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
  }
}
