package io.seedship.diskprep.flow;

import static io.seedship.diskprep.flow.DiskprepFixture.COPY_MACHINE;
import static io.seedship.diskprep.flow.DiskprepFixture.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobContainerClient;
import io.seedship.contracts.common.DriveState;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.diskprep.DriveInventoryReported;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.diskprep.DiskprepServiceApplication;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.importjobs.DeliveryPackage;
import io.seedship.runtime.azure.importjobs.DriveProgress;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TestDatabases;
import io.seedship.runtime.test.TopicReader;
import io.seedship.staging.chunks.StagingResult;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole physical journey, offline: a staged seed is written by the agent to two drives (loop devices on sparse
 * images when this machine allows it, the image files otherwise), its import job is created in local-azure, the
 * drives are shipped and handed to local-azure's datacenter, which opens them with dislocker and the ntfs-3g tools
 * (readers independent of our writer) and imports every blob into Azurite; every blob's bytes match the staging, and
 * the job ends Completed.
 */
class DiskprepToDatacenterTest {

  private static final Logger log = LoggerFactory.getLogger(DiskprepToDatacenterTest.class);
  static final Duration WAIT = Duration.ofSeconds(180);

  @TempDir
  Path home;

  @Test
  @Timeout(600)
  void aSeedWrittenToTwoDrivesIsImportedByTheDatacenterWithEveryByteMatching() throws Exception {
    assumeTrue(onPath("dislocker-file") && onPath("ntfscat") && onPath("ntfsls"),
        "skipped: the datacenter reads drives with dislocker and ntfs-3g (Debian packages dislocker, ntfs-3g)");
    Path dock = Files.createDirectories(home.resolve("dock"));
    Path bay = Files.createDirectories(home.resolve("bay"));
    StagingResult staged = DiskprepFixture.stage(home.resolve("source"), home.resolve("staging/seed"), 96, 11);
    List<Path> images = List.of(DiskprepFixture.drive(bay, "E2E-A", 80), DiskprepFixture.drive(bay, "E2E-B", 80));
    List<String> loops = attachLoops(images);

    LocalAzure azure = TestLocalAzure.start("--local-azure.clock.rate=0",
        "--local-azure.import-export.datacenter.dock-dir=" + dock);
    ConfigurableApplicationContext agent = null;
    try {
      Map<String, Object> props = new HashMap<>(DiskprepFixture.azureSettings(azure));
      props.put("spring.config.name", DiskprepServiceApplication.CONFIG_NAME);
      props.put("seedship.instance-id", "diskprep-e2e");
      props.put("seedship.data-dir", home.resolve("data").toString());
      props.put("seedship.diskprep.copy-machine", COPY_MACHINE + "-e2e");
      props.put("seedship.diskprep.allow-virtual-drives", "true");
      if (loops.isEmpty()) {
        props.put("seedship.diskprep.system-drives", "false");
        props.put("seedship.diskprep.image-bay", bay.toString());
      }
      agent = ServiceRunner.start(DiskprepServiceApplication.class, "diskprep-service",
          TestDatabases.h2("diskprep-e2e"), props);
      AzureClients clients = agent.getBean(AzureClients.class);
      String group = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
      String account = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
      clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
      clients.storage(SUBSCRIPTION).ensure(group, account, "westus");

      String seed = UUID.randomUUID().toString();
      SeedAccepted accepted = DiskprepFixture.accepted(seed, io.seedship.contracts.command.SeedRequest.newBuilder(
          DiskprepFixture.request("e2e-" + seed.substring(0, 8), home.resolve("staging"), group, account))
          .setCopyMachine(COPY_MACHINE + "-e2e").build());
      SeedEventPublisher publisher = KafkaTestBroker.publisher();
      publisher.publish(accepted);
      publisher.publish(DiskprepFixture.completed(accepted, staged));
      DriveInventoryReported offered = TopicReader.awaitEvent(KafkaTestBroker.client(), seed,
          DriveInventoryReported.class, WAIT);
      List<String> devices = offered.getDrives().stream().filter(d -> d.getSerialNumber().startsWith("E2E-"))
          .map(d -> d.getDevicePath()).toList();
      assertThat(devices).as("the drives are offered as %s", loops.isEmpty() ? "image files" : "loop devices")
          .containsExactlyInAnyOrderElementsOf(loops.isEmpty() ? images.stream().map(Path::toString).toList() : loops);
      publisher.publish(DiskprepFixture.confirm(accepted, COPY_MACHINE + "-e2e", List.of("E2E-A", "E2E-B")));
      ImportJobCreated created = TopicReader.awaitEvent(KafkaTestBroker.client(), seed,
          ImportJobCreated.class, WAIT);
      assertThat(created.getDriveIds()).containsExactlyInAnyOrder("E2E-A", "E2E-B");

      // shipping (shipping-service's part, done by hand here) and the carrier handing the drives to the datacenter
      ImportJobs jobs = clients.importJobs(SUBSCRIPTION);
      String job = created.getImportJobName();
      jobs.ship(group, job, new DeliveryPackage("FedEx", "7946" + seed.substring(0, 8).replaceAll("[^0-9]", "1"), 2,
          LocalDate.now()));
      for (int i = 0; i < 2; i++) {
        Path device = loops.isEmpty() ? images.get(i) : Path.of(loops.get(i));
        Files.createSymbolicLink(dock.resolve(i == 0 ? "E2E-A" : "E2E-B"), device);
      }
      ArmHttp admin = new ArmHttp(azure, TestLocalAzure.adminToken(azure));
      Instant deadline = Instant.now().plus(WAIT);
      ImportJobStatus status = jobs.find(group, job).orElseThrow();
      while (status.state() != ImportJobState.COMPLETED && status.state() != ImportJobState.CLOSED) {
        assertThat(Instant.now()).as("job %s still %s", job, status).isBefore(deadline);
        assertThat(admin.post("local-azure/clock", "{\"advance\":\"P1D\"}").status()).isEqualTo(200);
        Thread.sleep(500);
        status = jobs.find(group, job).orElseThrow();
      }

      assertThat(status.state()).as("%s", status).isEqualTo(ImportJobState.COMPLETED);
      assertThat(status.drives()).extracting(DriveProgress::state).containsOnly(DriveState.COMPLETED);
      BlobContainerClient container = clients.storage(SUBSCRIPTION).blobService(group, account)
          .getBlobContainerClient("seeds");
      List<Path> stagedFiles;
      try (Stream<Path> files = Files.list(staged.manifestPath().getParent())) {
        stagedFiles = files.filter(Files::isRegularFile).sorted().toList();
      }
      assertThat(stagedFiles).hasSizeGreaterThan(3);
      for (Path file : stagedFiles) {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        container.getBlobClient(seed + "/" + file.getFileName()).downloadStream(blob);
        assertThat(md5(blob.toByteArray())).as("blob of %s", file.getFileName()).isEqualTo(md5(Files.readAllBytes(file)));
      }
    } finally {
      if (agent != null) {
        agent.close();
      }
      azure.close();
      for (String loop : loops) {
        run("losetup", "--detach", loop);
      }
    }
  }

  /** Loop devices on the images when this machine allows it (root, losetup); none, with the reason logged, if not. */
  static List<String> attachLoops(List<Path> images) {
    if (!"root".equals(System.getProperty("user.name")) || !onPath("losetup")) {
      log.info("drives are image files: loop devices need root and losetup");
      return List.of();
    }
    List<String> loops = new ArrayList<>();
    for (Path image : images) {
      String loop = run("losetup", "--find", "--show", image.toString());
      if (loop == null || !loop.startsWith("/dev/loop")) {
        log.info("drives are image files: losetup could not attach {} ({})", image, loop);
        loops.forEach(l -> run("losetup", "--detach", l));
        return List.of();
      }
      loops.add(loop);
    }
    log.info("drives are loop devices {} on {}", loops, images);
    return loops;
  }

  static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? out : "exit " + p.exitValue() + ": " + out;
    } catch (Exception e) {
      return e.toString();
    }
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
  }

  static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
