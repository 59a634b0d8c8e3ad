package io.seedship.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.seedship.contracts.Samples;
import io.seedship.contracts.common.DriveState;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.importjob.DriveObservation;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.vault.ImportVerified;
import io.seedship.contracts.vault.ImportedDataDeleted;
import io.seedship.contracts.vault.IncrementalBackupsScheduled;
import io.seedship.contracts.vault.VaultSeeded;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.localazure.clock.VirtualClock;
import io.seedship.localazure.recoveryservices.Backups;
import io.seedship.staging.chunks.StagingOptions;
import io.seedship.staging.chunks.StagingResult;
import io.seedship.staging.chunks.StagingWriter;
import io.seedship.staging.source.DirectoryTreeSource;
import io.seedship.vault.recovery.VaultCopyCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TopicReader;
import io.seedship.stagingformat.FileHash;
import io.seedship.stagingformat.Hex;
import io.seedship.stagingformat.ManifestChunk;
import io.seedship.stagingformat.ManifestHeader;
import io.seedship.stagingformat.ManifestTotals;
import io.seedship.stagingformat.ManifestWriter;
import io.seedship.stagingformat.StagingManifest;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * vault-service over a real broker, a real database (subclasses choose) and local-azure's storage (Azurite): an
 * import whose blobs are what staging wrote is verified; one with a changed block, a missing chunk or a stray blob ends
 * the seed naming each blob; a job that ended Closed ends it naming the drives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VaultServiceContract {

  static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final int BLOCK = 4 << 20;

  /** One local-azure with Azurite for the classes of this JVM (the shared one runs without storage). */
  private static LocalAzure withStorage;
  final LocalAzure azure = withStorage();
  ConfigurableApplicationContext service;
  SeedEventPublisher publisher;
  String group;
  String account;
  BlobContainerClient container;

  abstract Map<String, Object> database();

  @TempDir
  Path work;

  static synchronized LocalAzure withStorage() {
    if (withStorage == null) {
      withStorage = TestLocalAzure.start();
      Runtime.getRuntime().addShutdownHook(new Thread(withStorage::close));
    }
    return withStorage;
  }

  @BeforeAll
  void start() {
    Map<String, Object> props = TestLocalAzure.serviceSettings(azure);
    props.put("spring.config.name", VaultServiceApplication.CONFIG_NAME);
    props.put("seedship.instance-id", "vault-test");
    props.put("seedship.vault.poll-interval", "PT1S");
    // the imported blobs cost money: deleted once the recovery point exists and is checked
    props.put("seedship.vault.delete-imported-data", "true");
    service = ServiceRunner.start(VaultServiceApplication.class, "vault-service", database(), props);
    publisher = KafkaTestBroker.publisher();
    AzureClients clients = service.getBean(AzureClients.class);
    group = "vt-" + UUID.randomUUID().toString().substring(0, 8);
    account = "vt" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    clients.storage(SUBSCRIPTION).ensure(group, account, "westus");
    container = clients.storage(SUBSCRIPTION).blobService(group, account).getBlobContainerClient("initial-backup");
    container.createIfNotExists();
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void anImportThatHoldsWhatStagingWroteIsVerified() throws Exception {
    String seed = UUID.randomUUID().toString();
    Staged staged = stage(seed, 2);

    finished(seed, staged, ImportJobOutcome.COMPLETED);

    ImportVerified verified = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, ImportVerified.class,
        WAIT);
    assertThat(verified.getBlobCount()).isEqualTo(4);
    assertThat(verified.getBytesVerified()).isEqualTo(staged.bytes());
    assertThat(verified.getManifestSha256()).isEqualTo(staged.sha256());
    assertThat(verified.getBlobPrefix()).isEqualTo(seed + "/");
  }

  @Test
  void aChangedBlockAMissingChunkAndAStrayBlobEndTheSeedNamingEachBlob() throws Exception {
    String seed = UUID.randomUUID().toString();
    Staged staged = stage(seed, 2);
    String first = seed + "/" + StagingManifest.chunkName(1);
    byte[] changed = staged.chunks().getFirst().clone();
    changed[BLOCK + 10] ^= 1; // one bit in the second block
    container.getBlobClient(first).upload(BinaryData.fromBytes(changed), true);
    container.getBlobClient(seed + "/" + StagingManifest.chunkName(2)).delete();
    container.getBlobClient(seed + "/stray.bin").upload(BinaryData.fromBytes(new byte[] {1}), true);

    finished(seed, staged, ImportJobOutcome.COMPLETED_MORE_INFO);

    SeedFailed failed = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, SeedFailed.class, WAIT);
    assertThat(failed.getStage()).isEqualTo(SeedStage.IMPORT);
    assertThat(failed.getProblems()).extracting(Problem::getMessage).anySatisfy(m -> assertThat(m)
        .contains(first + " block 1 at offset " + BLOCK)).anySatisfy(m -> assertThat(m)
        .isEqualTo("blob " + seed + "/" + StagingManifest.chunkName(2) + " is missing")).anySatisfy(m ->
        assertThat(m).contains(seed + "/stray.bin is in the seed's folder but not in the staging manifest"));
    assertThat(failed.getAction()).contains("must travel again").contains(first);
    assertThat(TopicReader.events(KafkaTestBroker.client(), seed, ImportVerified.class,
        Duration.ofSeconds(2))).isEmpty();
  }

  @Test
  void anImportEndThatOvertakesTheStagingEventsWaitsForThem() throws Exception {
    String seed = UUID.randomUUID().toString();
    Staged staged = stage(seed, 1, false);
    finished(seed, staged, ImportJobOutcome.COMPLETED);
    Thread.sleep(2000);
    publishStaging(seed, staged);

    ImportVerified verified = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, ImportVerified.class,
        WAIT);
    assertThat(verified.getManifestSha256()).isEqualTo(staged.sha256());
    assertThat(events(seed, SeedFailed.class)).isEmpty();
  }

  @Test
  void aClosedJobEndsTheSeedEvenWithEveryBlobThereNamingItsDrivesAndLogs() throws Exception {
    String seed = UUID.randomUUID().toString();
    Staged staged = stage(seed, 1);

    finished(seed, staged, ImportJobOutcome.CLOSED);

    SeedFailed failed = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, SeedFailed.class, WAIT);
    assertThat(failed.getStage()).isEqualTo(SeedStage.IMPORT);
    assertThat(failed.getReason()).contains("ended CLOSED").contains("every blob is in the storage account as staged");
    assertThat(failed.getAction()).contains("Azure closed the job although its data arrived");
    assertThat(failed.getProblems()).extracting(Problem::getMessage)
        .containsExactly("drive D1 COMPLETED_MORE_INFO, error log https://logs/D1-error.xml");
  }

  @Test
  void aVerifiedImportBecomesARecoveryPointThatRestoresFileByFileAndTheSeedCompletes() throws Exception {
    String seed = UUID.randomUUID().toString();
    String server = "vt-" + seed.substring(0, 8);
    String job = "vault-" + seed.substring(0, 8);
    Path source = Files.createDirectories(work.resolve(seed).resolve("source"));
    Files.writeString(source.resolve("notes.txt"), "offline seeding\n".repeat(50_000));
    byte[] random = new byte[3 << 20];
    new Random(7).nextBytes(random);
    Files.write(Files.createDirectories(source.resolve("nested/deeper")).resolve("archive.bin"), random);
    Files.write(source.resolve("empty.dat"), new byte[0]);
    Path staging = work.resolve(seed).resolve("staging");
    StagingResult result = new StagingWriter(StagingOptions.defaults().withChunkTargetBytes(1 << 20).withThreads(2))
        .write(new DirectoryTreeSource(source), staging, null);
    List<String> names = new ArrayList<>(List.of(StagingManifest.FILE_NAME, StagingManifest.HASH_FILE_NAME));
    for (int n = 1; n <= result.chunkCount(); n++) {
      names.add(StagingManifest.chunkName(n));
    }
    for (String name : names) {
      container.getBlobClient(seed + "/" + name).uploadFromFile(staging.resolve(name).toString(), true);
    }
    // another seed's import in the same container, which the deletion must leave alone
    container.getBlobClient("another-seed/chunk-000001.zst").upload(BinaryData.fromBytes(new byte[] {1, 2}), true);
    Staged staged = new Staged(List.of(), result.manifestSha256(), 0, result.stagedBytes(), result.chunkCount());
    publishStaging(seed, staged, server);
    // the backup server, registered with its vault, its agent set up for the seed's offline backup
    AzureClients clients = service.getBean(AzureClients.class);
    String vaultId = clients.recoveryVaults(SUBSCRIPTION).ensure(group, "vt-vault", "westus").id();
    String accountId = clients.storage(SUBSCRIPTION).get(group, account).id();
    ObjectNode agent = new ObjectMapper().createObjectNode().put("vaultId", vaultId);
    agent.putArray("scheduleTimes").add("22:00");
    agent.putObject("offlineSeeding").put("importJobName", job).put("storageAccountId", accountId)
        .put("container", "initial-backup").put("blobPrefix", seed + "/");
    azure.bean(Backups.class).register(server, agent);
    TestLocalAzure.importJob(azure, SUBSCRIPTION, group, job, accountId);
    TestLocalAzure.endImportJob(azure, SUBSCRIPTION, group, job, "Completed");

    finished(seed, staged, ImportJobOutcome.COMPLETED);
    ImportVerified verified = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, ImportVerified.class,
        WAIT);
    // no recovery point before the agent's next scheduled backup, and the imported data stays until there is one
    Thread.sleep(1500);
    assertThat(events(seed, VaultSeeded.class)).isEmpty();
    assertThat(container.getBlobClient(seed + "/" + StagingManifest.FILE_NAME).exists()).isTrue();
    VirtualClock clock = azure.bean(VirtualClock.class);
    Instant now = clock.instant();
    Instant tenPm = now.atZone(ZoneOffset.UTC).with(LocalTime.of(22, 0)).toInstant();
    clock.advance(Duration.between(now, tenPm.isAfter(now) ? tenPm : tenPm.plus(Duration.ofDays(1))).plusMinutes(1));

    SeedCompleted completed = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, SeedCompleted.class,
        Duration.ofSeconds(120));
    assertThat(completed.getFilesVerified()).isEqualTo(3);
    assertThat(completed.getBytesImported()).isEqualTo(verified.getBytesVerified());
    assertThat(completed.getBytesStaged()).isEqualTo(result.stagedBytes());
    assertThat(completed.getVaultId()).isEqualTo(vaultId);
    assertThat(completed.getBackupServer()).isEqualTo(server);
    assertThat(completed.getImportJobName()).isEqualTo(job);
    VaultSeeded seeded = TopicReader.awaitEvent(KafkaTestBroker.client(), seed, VaultSeeded.class, WAIT);
    assertThat(seeded.getRecoveryPointId()).isEqualTo(completed.getRecoveryPointId());
    IncrementalBackupsScheduled incremental = TopicReader.awaitEvent(KafkaTestBroker.client(), seed,
        IncrementalBackupsScheduled.class, WAIT);
    assertThat(incremental.getProtectionState()).isEqualTo("Protected");
    assertThat(incremental.getSeedRecoveryPointId()).isEqualTo(completed.getRecoveryPointId());
    // the restored copy was removed, and so was the seed's imported data, but not the container other seeds use
    assertThat(clients.storage(SUBSCRIPTION).blobService(group, account)
        .getBlobContainerClient(VaultCopyCheck.restoreContainer(seed)).exists()).isFalse();
    ImportedDataDeleted deleted = TopicReader.awaitEvent(KafkaTestBroker.client(), seed,
        ImportedDataDeleted.class, WAIT);
    assertThat(deleted.getBlobsDeleted()).isEqualTo(names.size());
    assertThat(deleted.getContainerDeleted()).isFalse();
    assertThat(container.listBlobs(new com.azure.storage.blob.models.ListBlobsOptions().setPrefix(seed + "/"), null))
        .isEmpty();
    assertThat(container.getBlobClient("another-seed/chunk-000001.zst").exists()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** @param bytes every blob's bytes; chunkBytes the chunks' only */
  record Staged(List<byte[]> chunks, String sha256, long bytes, long chunkBytes, int chunkCount) {
  }

  /**
   * A staging of {@code chunks} chunk files of random bytes (2.5 blocks each), imported as the datacenter does: each
   * file a blob under the seed's folder; SeedAccepted and StagingCompleted published as staging-service does.
   */
  Staged stage(String seed, int chunks) throws Exception {
    return stage(seed, chunks, true);
  }

  Staged stage(String seed, int chunks, boolean publish) throws Exception {
    Random random = new Random(seed.hashCode());
    List<byte[]> data = new ArrayList<>();
    ByteArrayOutputStream manifest = new ByteArrayOutputStream();
    ManifestWriter writer = new ManifestWriter(manifest);
    long staged = 0;
    writer.header(new ManifestHeader(StagingManifest.FORMAT_VERSION, "/data", 64L << 20, 3, BLOCK, FileHash.XXH3_128,
        new ManifestTotals(0, 0, 0, 0, 0, 0, (long) chunks * (BLOCK * 5L / 2), chunks)));
    for (int n = 1; n <= chunks; n++) {
      byte[] bytes = new byte[BLOCK * 5 / 2];
      random.nextBytes(bytes);
      data.add(bytes);
      List<String> blocks = new ArrayList<>();
      for (int at = 0; at < bytes.length; at += BLOCK) {
        MessageDigest md5 = StagingManifest.md5();
        md5.update(bytes, at, Math.min(BLOCK, bytes.length - at));
        blocks.add(Hex.of(md5.digest()));
      }
      writer.chunk(new ManifestChunk(n, StagingManifest.chunkName(n), bytes.length, null, 0, bytes.length, blocks));
      container.getBlobClient(seed + "/" + StagingManifest.chunkName(n)).upload(BinaryData.fromBytes(bytes), true);
      staged += bytes.length;
    }
    String sha256 = writer.finish();
    byte[] manifestBytes = manifest.toByteArray();
    byte[] hashLine = StagingManifest.hashLine(sha256).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    container.getBlobClient(seed + "/" + StagingManifest.FILE_NAME).upload(BinaryData.fromBytes(manifestBytes), true);
    container.getBlobClient(seed + "/" + StagingManifest.HASH_FILE_NAME).upload(BinaryData.fromBytes(hashLine), true);

    Staged result = new Staged(data, sha256, staged + manifestBytes.length + hashLine.length, staged, chunks);
    if (publish) {
      publishStaging(seed, result);
    }
    return result;
  }

  /** SeedAccepted and StagingCompleted, as staging-service publishes them. */
  void publishStaging(String seed, Staged staged) {
    publishStaging(seed, staged, "mars01");
  }

  void publishStaging(String seed, Staged staged, String server) {
    var request = Samples.requestSeed(seed).getRequest();
    request.setBackupServer(server);
    request.setSubscriptionId(SUBSCRIPTION);
    request.setResourceGroup(group);
    request.setStorageAccount(account);
    request.setContainer("initial-backup");
    request.setImportJobName("vault-" + seed.substring(0, 8));
    publisher.publish(SeedAccepted.newBuilder().setMetadata(metadata(seed)).setRequest(request)
        .setEstimatedStagedBytes(staged.chunkBytes()).build());
    publisher.publish(StagingCompleted.newBuilder().setMetadata(metadata(seed)).setStagingLocation("/staging")
        .setManifestPath("/staging/x/" + StagingManifest.FILE_NAME).setManifestSha256(staged.sha256())
        .setSourceBytes(staged.chunkBytes()).setStagedBytes(staged.chunkBytes()).setFileCount(1)
        .setChunkCount(staged.chunkCount()).build());
  }

  void finished(String seed, Staged staged, ImportJobOutcome outcome) {
    publisher.publish(ImportJobFinished.newBuilder().setMetadata(metadata(seed))
        .setImportJobName("vault-" + seed.substring(0, 8)).setOutcome(outcome)
        .setFinalState(outcome == ImportJobOutcome.CLOSED ? ImportJobState.CLOSED : ImportJobState.COMPLETED)
        .setDrives(List.of(DriveObservation.newBuilder().setDriveId("D1")
            .setState(outcome == ImportJobOutcome.COMPLETED ? DriveState.COMPLETED : DriveState.COMPLETED_MORE_INFO)
            .setErrorLogUri(outcome == ImportJobOutcome.COMPLETED ? null : "https://logs/D1-error.xml").build()))
        .setDetail(outcome.toString()).build());
  }

  static EventMetadata metadata(String seedId) {
    String id = UUID.randomUUID().toString();
    return EventMetadata.newBuilder().setEventId(id).setSeedId(seedId)
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setProducer("test").setCorrelationId(id)
        .setCausationId(null).build();
  }

  static <T extends SpecificRecord> List<T> events(String seedId, Class<T> type) {
    return TopicReader.events(KafkaTestBroker.client(), seedId, type, Duration.ofSeconds(2));
  }
}
