package io.seedship.diskprep.flow;

import io.seedship.contracts.command.ConfirmDriveFormat;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.Cloud;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.common.ReturnShipping;
import io.seedship.contracts.common.WorkloadType;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.staging.chunks.ProgressListener;
import io.seedship.staging.chunks.StagingOptions;
import io.seedship.staging.chunks.StagingResult;
import io.seedship.staging.chunks.StagingWriter;
import io.seedship.staging.source.DirectoryTreeSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** What the disk-prep tests set up: staged seeds (staged for real by staging-service's writer), image drives, events. */
final class DiskprepFixture {

  static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  static final String COPY_MACHINE = "copy-test";
  static final long MIB = 1024 * 1024;

  private DiskprepFixture() {
  }

  /** {@code mib} MiB of incompressible data in files of 8 MiB, staged into {@code stagingDir} in chunks of 40 MiB. */
  static StagingResult stage(Path source, Path stagingDir, int mib, long seed) throws Exception {
    Files.createDirectories(source);
    Random random = new Random(seed);
    byte[] block = new byte[(int) (8 * MIB)];
    for (int i = 0; i < mib / 8; i++) {
      random.nextBytes(block);
      Files.write(source.resolve("part-" + i + ".bin"), block);
    }
    StagingOptions options = StagingOptions.defaults().withChunkTargetBytes(40 * MIB).withThreads(2);
    return new StagingWriter(options).write(new DirectoryTreeSource(source), stagingDir, ProgressListener.NONE);
  }

  /** A sparse image file in the bay standing in for a drive with that serial. */
  static Path drive(Path bay, String serial, long mib) throws IOException {
    Files.createDirectories(bay);
    Path image = bay.resolve(serial + ".img");
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(mib * MIB);
    }
    return image;
  }

  /** Marks an image as holding a BitLocker volume (its OEM id), as a drive prepared before would. */
  static void markBitLocker(Path image) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      file.seek(3);
      file.write("-FVE-FS-".getBytes());
      file.seek(510);
      file.write(new byte[] {0x55, (byte) 0xAA});
    }
  }

  static String sha256(Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 20];
    try (var in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static Map<String, Object> azureSettings(LocalAzure azure) {
    return TestLocalAzure.serviceSettings(azure);
  }

  static SeedRequest request(String jobName, Path staging, String group, String account) {
    return SeedRequest.newBuilder()
        .setStagingLocation(staging.toString()).setPublishSettingsFile(staging.resolve("x.publishsettings").toString())
        .setImportJobName(jobName).setSubscriptionId(SUBSCRIPTION).setResourceGroup(group)
        .setStorageAccount(account).setContainer("seeds").setCloud(Cloud.LOCAL).setLocation("westus")
        .setWorkloadType(WorkloadType.MARS_FILES_AND_FOLDERS).setSourcePath(staging.toString())
        .setBackupServer("mars01")
        .setReturnAddress(PostalAddress.newBuilder().setRecipientName("Ops").setStreetAddress1("1 Main St")
            .setCity("Redmond").setStateOrProvince("WA").setPostalCode("98052").setCountryOrRegion("US")
            .setPhone("+1 425 555 0100").setEmail("ops@example.com").build())
        .setReturnShipping(ReturnShipping.newBuilder().setCarrierName("FedEx").setCarrierAccountNumber("123456789")
            .build())
        .setCopyMachine(COPY_MACHINE).build();
  }

  static EventMetadata metadata(String seedId, String producer, EventMetadata cause) {
    String id = UUID.randomUUID().toString();
    return EventMetadata.newBuilder().setEventId(id).setSeedId(seedId)
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setProducer(producer)
        .setCorrelationId(cause == null ? id : cause.getCorrelationId())
        .setCausationId(cause == null ? null : cause.getEventId()).build();
  }

  static SeedAccepted accepted(String seedId, SeedRequest request) {
    return SeedAccepted.newBuilder().setMetadata(metadata(seedId, "staging-service", null)).setRequest(request)
        .setEstimatedStagedBytes(1).build();
  }

  static StagingCompleted completed(SeedAccepted accepted, StagingResult staged) {
    return StagingCompleted.newBuilder()
        .setMetadata(metadata(accepted.getMetadata().getSeedId(), "staging-service", accepted.getMetadata()))
        // as staging-service says it: the seed's staging location, holding the seed's own directory
        .setStagingLocation(staged.manifestPath().getParent().getParent().toString())
        .setManifestPath(staged.manifestPath().toString()).setManifestSha256(staged.manifestSha256())
        .setSourceBytes(staged.sourceBytes()).setStagedBytes(staged.stagedBytes()).setFileCount(staged.fileCount())
        .setChunkCount(staged.chunkCount()).build();
  }

  static ConfirmDriveFormat confirm(SeedAccepted accepted, String copyMachine, List<String> serials) {
    return ConfirmDriveFormat.newBuilder()
        .setMetadata(metadata(accepted.getMetadata().getSeedId(), "seedship-cli", accepted.getMetadata()))
        .setCopyMachine(copyMachine).setDriveSerialNumbers(serials).setConfirmedBy("operator@example.com").build();
  }
}
