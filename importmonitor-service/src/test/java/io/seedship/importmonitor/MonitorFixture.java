package io.seedship.importmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.common.ReturnShipping;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.driveformat.bitlocker.EncryptionMethod;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.DriveTarget;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.driveformat.plan.SpanPlanner;
import io.seedship.driveformat.write.DriveWriter;
import io.seedship.driveformat.write.ProgressListener;
import io.seedship.driveformat.write.WrittenDrive;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.clock.VirtualClock;
import io.seedship.localazure.faults.FaultInjectionFilter;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.importjobs.ImportDrive;
import io.seedship.runtime.azure.importjobs.ImportJobRequest;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import io.seedship.runtime.kafka.SeedEventPublisher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * One local-azure for importmonitor's tests in this JVM, with a real Azurite and a dock, its virtual clock standing
 * still (the tests move it), and real Import/Export drives written by drive-format, so local-azure's datacenter
 * receives, copies (dislocker, ntfs-3g, Put Block into Azurite) and completes a job as it does for the disk-prep agent.
 */
final class MonitorFixture {

  static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  static final long MIB = 1024 * 1024;

  private static LocalAzure azure;
  private static Path dir;

  private MonitorFixture() {
  }

  /** A drive as the disk-prep agent leaves it: the image, its password, what the writer reported. */
  record Drive(String driveId, Path image, String password, WrittenDrive written) {
  }

  static synchronized LocalAzure azure() {
    if (azure == null) {
      assumeTools();
      try {
        dir = Files.createTempDirectory("importmonitor-fixture");
        Files.createDirectories(dir.resolve("dock"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      azure = TestLocalAzure.start("--local-azure.clock.rate=0",
          "--local-azure.import-export.datacenter.dock-dir=" + dir.resolve("dock"));
      Runtime.getRuntime().addShutdownHook(new Thread(azure::close));
    }
    return azure;
  }

  static void assumeTools() {
    for (String tool : List.of("dislocker-file", "ntfscat", "ntfsls", "mkntfs", "ntfscp", "ntfsfallocate")) {
      Assumptions.assumeTrue(List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin").stream()
          .anyMatch(d -> Files.isExecutable(Path.of(d, tool))), "needs the Debian packages dislocker and ntfs-3g: "
          + tool + " missing");
    }
  }

  /** The settings that point a service at the fixture's local-azure. */
  static Map<String, Object> azureSettings() {
    return TestLocalAzure.serviceSettings(azure());
  }

  /** Settings of a monitor that polls every half second while a job moves, every two while it waits. */
  static Map<String, Object> monitorSettings() {
    Map<String, Object> props = new HashMap<>(azureSettings());
    props.put("spring.config.name", ImportmonitorServiceApplication.CONFIG_NAME);
    props.put("seedship.importmonitor.fast-interval", "PT0.5S");
    props.put("seedship.importmonitor.slow-interval", "PT2S");
    props.put("seedship.importmonitor.tick", "PT0.1S");
    props.put("seedship.importmonitor.claim", "PT20S");
    props.put("seedship.work.backoff", "PT0.5S");
    return props;
  }

  /** A drive of {@code size} bytes with one file of {@code data} bytes, blob {@code container}/{drive}/chunk-0.bin. */
  static Drive writeDrive(String driveId, String container, long size, long data) throws IOException {
    azure();
    Path src = Files.createDirectories(dir.resolve("src-" + driveId));
    Path file = src.resolve("chunk-0.bin");
    fill(file, data, driveId.hashCode());
    List<SourceFile> files = List.of(SourceFile.of(file, "/" + container + "/" + driveId.toLowerCase() + "/chunk-0.bin",
        data));
    Path image = dir.resolve(driveId + ".img");
    try (RandomAccessFile sparse = new RandomAccessFile(image.toFile(), "rw")) {
      sparse.setLength(size);
    }
    List<DrivePlan> plans = SpanPlanner.plan(files, List.of(new DriveTarget(image, driveId, size))).drives();
    RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
    DriveWriter writer = new DriveWriter(DriveWriter.Options.defaults(dir.resolve("journal"), dir.resolve("scratch"))
        .withMethod(EncryptionMethod.AES_XTS_128));
    WrittenDrive written = writer.write(plans.get(0), password, ProgressListener.NONE);
    return new Drive(driveId, image, password.reveal(), written);
  }

  /** Hands the drive to the datacenter: a link named by its drive id in the dock. */
  static void handOver(Drive drive) throws IOException {
    Files.createSymbolicLink(dir.resolve("dock").resolve(drive.driveId()), drive.image());
  }

  /** Creates the job in Azure for the drives and publishes ImportJobCreated, as the disk-prep agent does. */
  static ImportJobStatus created(ImportJobs jobs, SeedEventPublisher publisher, String seedId, String group,
                                 String accountId, String name, Drive... drives) {
    ImportJobStatus status = jobs.create(new ImportJobRequest(group, name, "westus", accountId,
        java.util.Arrays.stream(drives).map(d -> new ImportDrive(d.driveId(), d.password(), d.written().manifestFile(),
            d.written().manifestHash(), d.written().driveHeaderHash())).toList(),
        PostalAddress.newBuilder().setRecipientName("Ops").setStreetAddress1("1 Main St").setCity("Redmond")
            .setStateOrProvince("WA").setPostalCode("98052").setCountryOrRegion("US").setPhone("4255550100")
            .setEmail("ops@example.com").build(),
        ReturnShipping.newBuilder().setCarrierName("FedEx").setCarrierAccountNumber("123456789").build(),
        "waimportexport"));
    var datacenter = jobs.datacenter("westus");
    publisher.publish(ImportJobCreated.newBuilder().setMetadata(metadata(seedId)).setImportJobName(name)
        .setImportJobId(status.id()).setLocation("westus").setStorageAccountId(accountId)
        .setDriveIds(status.drives().stream().map(d -> d.driveId()).toList())
        .setShippingAddress(datacenter.address()).setSupportedCarriers(datacenter.supportedCarriers()).build());
    return status;
  }

  /** Moves local-azure's virtual clock (the datacenter plays what became due at its next sweep, within 250 ms). */
  static void advance(Duration duration) {
    azure().bean(VirtualClock.class).advance(duration);
  }

  /** Replaces local-azure's fault settings: a fraction of 429s (Retry-After {@code retryAfter}) on ARM. */
  static void throttle(double fraction, Duration retryAfter) {
    FaultInjectionFilter filter = azure().bean(FaultInjectionFilter.class);
    LocalAzureProperties.Faults faults = new LocalAzureProperties.Faults();
    faults.setThrottleFraction(fraction);
    faults.setRetryAfter(retryAfter);
    filter.update(faults);
  }

  static long injectedFaults() {
    return azure().bean(FaultInjectionFilter.class).injectedCount();
  }

  /** A datacenter fault on one drive, through local-azure's admin API. */
  static void fault(String driveId, String json) {
    ArmHttp arm = new ArmHttp(azure(), TestLocalAzure.adminToken(azure()));
    assertThat(arm.put("local-azure/import-export/datacenter/faults/" + driveId, json).status()).isEqualTo(200);
  }

  static EventMetadata metadata(String seedId) {
    String id = UUID.randomUUID().toString();
    return EventMetadata.newBuilder().setEventId(id).setSeedId(seedId)
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setProducer("test").setCorrelationId(id)
        .setCausationId(null).build();
  }

  private static void fill(Path file, long length, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] chunk = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = length; left > 0; ) {
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = (byte) random.nextInt();
        }
        int n = (int) Math.min(chunk.length, left);
        out.write(chunk, 0, n);
        left -= n;
      }
    }
  }
}
