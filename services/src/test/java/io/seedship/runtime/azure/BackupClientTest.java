package io.seedship.runtime.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.faults.FaultInjectionFilter;
import io.seedship.localazure.importexport.Job;
import io.seedship.localazure.importexport.JobStore;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.recoveryservices.BackupClient;
import io.seedship.runtime.azure.recoveryservices.BackupClient.BackupJob;
import io.seedship.runtime.azure.recoveryservices.BackupClient.ProtectedItem;
import io.seedship.runtime.azure.recoveryservices.BackupClient.RecoveryPoint;
import io.seedship.runtime.azure.recoveryservices.BackupClient.RegisteredServer;
import io.seedship.runtime.azure.recoveryservices.BackupClient.RestoreStatus;
import io.seedship.runtime.azure.recoveryservices.RecoveryVaultsClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's Azure Backup client against local-azure (real Azurite, stopped virtual clock): a server found across
 * vaults of two resource groups, its seeding backup job, protected item and recovery points, and a restore.
 */
class BackupClientTest {

  private static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  private static LocalAzure azure;
  private static AzureClients clients;
  private static ArmHttp admin;

  @BeforeAll
  static void start() {
    azure = TestLocalAzure.start("--local-azure.clock.rate=0");
    clients = LocalAzureClients.withMintedTokens(azure);
    admin = new ArmHttp(azure, TestLocalAzure.adminToken(azure));
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @Test
  void aSeededServerIsFoundBackedUpAndRestored() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String groupOne = "bk-one-" + suffix;
    String groupTwo = "bk-two-" + suffix;
    clients.resourceGroups(SUBSCRIPTION).ensure(groupOne, "westus");
    clients.resourceGroups(SUBSCRIPTION).ensure(groupTwo, "westus");
    RecoveryVaultsClient vaults = clients.recoveryVaults(SUBSCRIPTION);
    String vaultOne = vaults.ensure(groupOne, "vault-one", "westus").id();
    String vaultTwo = vaults.ensure(groupTwo, "vault-two", "westus").id();
    assertThat(vaults.list()).extracting(RecoveryVaultsClient.VaultInfo::id).contains(vaultOne, vaultTwo);

    String account = "bk" + suffix;
    String accountId = clients.storage(SUBSCRIPTION).ensure(groupTwo, account, "westus").id();
    BlobServiceClient blobs = clients.storage(SUBSCRIPTION).blobService(groupTwo, account);
    BlobContainerClient seeds = blobs.createBlobContainerIfNotExists("seeds");
    Map<String, String> seed = new TreeMap<>(Map.of("seed-1/chunk-0.bin", "first chunk of the seed",
        "seed-1/chunk-1.bin", "x".repeat(100_000)));
    seed.forEach((name, text) -> seeds.getBlobClient(name).upload(BinaryData.fromString(text), true));
    createCompletedImportJob(groupTwo, "seed-job", accountId);

    register("srv-one", "{\"vaultId\":\"" + vaultOne + "\"}");
    register("srv-two", "{\"vaultId\":\"" + vaultTwo + "\",\"offlineSeeding\":{\"importJobName\":\"seed-job\","
        + "\"storageAccountId\":\"" + accountId + "\",\"container\":\"seeds\",\"blobPrefix\":\"seed-1/\"}}");

    BackupClient backup = clients.backup(SUBSCRIPTION);
    assertThat(clients.backup(SUBSCRIPTION)).isSameAs(backup);
    assertThat(backup.findServer("SRV-TWO")).contains(new RegisteredServer(vaultTwo, "srv-two", "srv-two"));
    assertThat(backup.findServer("srv-one")).contains(new RegisteredServer(vaultOne, "srv-one", "srv-one"));
    assertThat(backup.findServer("srv-three")).isEmpty();

    List<ProtectedItem> pending = backup.protectedItems(vaultTwo, "srv-two");
    assertThat(pending).singleElement().satisfies(item -> {
      assertThat(item.protectionState()).isEqualTo("IRPending");
      assertThat(item.recoveryPointCount()).isZero();
      assertThat(item.lastBackupTime()).isNull();
    });
    assertThat(backup.protectedItems(vaultTwo, "srv-one")).isEmpty();

    OffsetDateTime since = now().atOffset(ZoneOffset.UTC);
    Instant slot = advanceToNextSlot();
    BackupJob job = await(() -> backup.backupJobs(vaultTwo, "srv-two", since).stream()
        .filter(j -> !j.status().equals("InProgress")).findFirst().orElse(null));
    assertThat(job.status()).as("%s", job).isEqualTo("Completed");
    assertThat(job.operation()).isEqualTo("Backup");
    assertThat(job.startTime().toInstant()).isEqualTo(slot);
    assertThat(job.endTime()).isNotNull();
    long total = seed.values().stream().mapToLong(String::length).sum();
    assertThat(job.bytesTransferred()).isEqualTo(total);
    assertThat(job.bytesTotal()).isEqualTo(total);
    assertThat(job.errorMessage()).isNull();
    assertThat(backup.backupJobs(vaultTwo, "srv-two", since.plusDays(3))).isEmpty();

    ProtectedItem item = backup.protectedItems(vaultTwo, "srv-two").get(0);
    assertThat(item.protectionState()).isEqualTo("Protected");
    assertThat(item.lastBackupStatus()).isEqualTo("Completed");
    assertThat(item.lastBackupTime().toInstant()).isEqualTo(slot);
    assertThat(item.recoveryPointCount()).isEqualTo(1);
    Instant next = advanceToNextSlot();
    List<RecoveryPoint> points = backup.recoveryPoints(item.id());
    assertThat(points).extracting(RecoveryPoint::type).containsExactly("Full", "Incremental");
    assertThat(points).extracting(p -> p.time().toInstant()).containsExactly(slot, next);

    String operation = backup.startRestore(points.get(0).id(), accountId, "restored");
    RestoreStatus status = await(() -> {
      RestoreStatus s = backup.restoreStatus(operation);
      return s == RestoreStatus.IN_PROGRESS ? null : s;
    });
    assertThat(status).isEqualTo(RestoreStatus.SUCCEEDED);
    BlobContainerClient restored = blobs.getBlobContainerClient("restored");
    Map<String, String> back = new TreeMap<>();
    restored.listBlobs().forEach(b -> back.put(b.getName(),
        restored.getBlobClient(b.getName()).downloadContent().toString()));
    assertThat(back).isEqualTo(seed);

    // the vault lost the seed's data: the restore fails, and says why without throwing
    BlobServiceClient vaultStorage = new com.azure.storage.blob.BlobServiceClientBuilder()
        .endpoint(blobs.getAccountUrl().replace("/" + account, "/" + azure.properties().getBackup().getStorageAccount()))
        .credential(new com.azure.storage.common.StorageSharedKeyCredential(
            azure.properties().getBackup().getStorageAccount(), azure.bean(io.seedship.localazure.storage.Azurite.class)
            .keyOf(azure.properties().getBackup().getStorageAccount())))
        .httpClient(new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder(
            java.net.http.HttpClient.newBuilder().sslContext(azure.certificates().sslContext())).build())
        .buildClient();
    vaultStorage.listBlobContainers().forEach(c -> vaultStorage.getBlobContainerClient(c.getName())
        .listBlobs(new com.azure.storage.blob.models.ListBlobsOptions().setPrefix("srv-two/"), null)
        .forEach(b -> vaultStorage.getBlobContainerClient(c.getName()).getBlobClient(b.getName()).delete()));
    String lost = backup.startRestore(points.get(1).id(), accountId, "restored-again");
    BackupClient.RestoreOperation failed = await(() -> {
      BackupClient.RestoreOperation o = backup.restore(lost);
      return o.status() == RestoreStatus.IN_PROGRESS ? null : o;
    });
    assertThat(failed.status()).isEqualTo(RestoreStatus.FAILED);
    assertThat(backup.restoreStatus(lost)).isEqualTo(RestoreStatus.FAILED);
    assertThat(failed.errorMessage()).contains("restored-again", "chunk-0.bin");

    assertThatThrownBy(() -> backup.startRestore(points.get(0).id(), accountId, "Not_A_Container"))
        .isInstanceOfSatisfying(AzureException.BadRequest.class,
            e -> assertThat(e.target()).isEqualTo("properties.targetContainer"));
    assertThatThrownBy(() -> backup.recoveryPoints(item.id().replace("/srv-two/", "/srv-none/")))
        .isInstanceOf(AzureException.NotFound.class);
  }

  @Test
  void throttledAndFailingCallsAreRetried() {
    String group = "bk-retry-" + UUID.randomUUID().toString().substring(0, 8);
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    String vault = clients.recoveryVaults(SUBSCRIPTION).ensure(group, "vault-retry", "westus").id();
    register("srv-retry", "{\"vaultId\":\"" + vault + "\"}");
    LocalAzureProperties.Faults faults = new LocalAzureProperties.Faults();
    faults.setThrottleFraction(0.3);
    faults.setErrorFraction(0.15);
    faults.setRetryAfter(Duration.ofMillis(100));
    faults.setSeed(11);
    azure.bean(FaultInjectionFilter.class).update(faults);
    try {
      for (int i = 0; i < 5; i++) {
        assertThat(clients.backup(SUBSCRIPTION).findServer("srv-retry")).map(RegisteredServer::vaultId)
            .contains(vault);
      }
    } finally {
      azure.bean(FaultInjectionFilter.class).update(new LocalAzureProperties.Faults());
    }
  }

  private static void register(String server, String body) {
    ArmHttp.Reply reply = admin.put("local-azure/backup-servers/" + server, body);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
  }

  /** An import job whose drives the datacenter already returned: the import tests cover getting there. */
  private static void createCompletedImportJob(String group, String name, String accountId) {
    String body = "{\"location\":\"westus\",\"properties\":{\"storageAccountId\":\"" + accountId + "\","
        + "\"jobType\":\"Import\",\"returnAddress\":{\"recipientName\":\"Seedship\",\"streetAddress1\":\"1 Way\","
        + "\"city\":\"Redmond\",\"postalCode\":\"98007\",\"countryOrRegion\":\"USA\",\"phone\":\"4250000000\","
        + "\"email\":\"ops@seedship.local\"},\"returnShipping\":{\"carrierName\":\"FedEx\","
        + "\"carrierAccountNumber\":\"989ffff\"},\"diagnosticsPath\":\"waimportexport\",\"logLevel\":\"Error\","
        + "\"driveList\":[{\"driveId\":\"9CA995BB\",\"bitLockerKey\":"
        + "\"238810-662376-448998-450120-652806-203390-606320-483076\",\"manifestFile\":\"\\\\seed.manifest\","
        + "\"manifestHash\":\"4228EC5D8E048CB9B515338C789314BE8D0B2FDBC7C7A0308E1C826242CDE74E\","
        + "\"driveHeaderHash\":\"0:1048576:FB6B\"}]}}";
    ArmHttp.Reply created = admin.put("subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + group
        + "/providers/Microsoft.ImportExport/jobs/" + name + "?api-version=2021-01-01", body);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    JobStore store = azure.bean(JobStore.class);
    synchronized (store) {
      Job job = store.get(SUBSCRIPTION, group, name).orElseThrow();
      ObjectNode resource = job.copy();
      ((ObjectNode) resource.get("properties")).put("state", "Completed");
      store.put(job.with(resource));
    }
  }

  private static Instant now() {
    return Instant.parse(admin.get("local-azure/clock").body().path("now").asText());
  }

  /** Moves the virtual clock a minute past the next 22:00 UTC (the agents' default schedule); answers that 22:00. */
  private static Instant advanceToNextSlot() {
    Instant now = now();
    Instant slot = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(22, 0).toInstant(ZoneOffset.UTC);
    if (!slot.isAfter(now)) {
      slot = slot.plus(Duration.ofDays(1));
    }
    assertThat(admin.post("local-azure/clock", "{\"advance\":\"" + Duration.between(now, slot).plusMinutes(1) + "\"}")
        .status()).isEqualTo(200);
    return slot;
  }

  private static <T> T await(Supplier<T> poll) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    T value = poll.get();
    while (value == null) {
      assertThat(Instant.now()).as("nothing yet").isBefore(deadline);
      Thread.sleep(100);
      value = poll.get();
    }
    return value;
  }
}
