package io.seedship.localazure.recoveryservices;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.storage.Azurite;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Azure Backup's side of offline seeding on a local-azure with a real Azurite and a stopped virtual clock: MARS
 * servers registered through the admin API, the seeding backup after the import job, recovery points, the vault's
 * copy of the data and a restore, over the Recovery Services REST paths.
 */
class BackupVaultTest {

  private static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  private static final String API = "api-version=2024-04-01";
  private static LocalAzure azure;
  private static ArmHttp arm;
  private static String group;
  private static String account;
  private static String accountId;
  private static String vaultId;
  private static BlobServiceClient customerBlobs;

  @BeforeAll
  static void start() {
    // the clock stands still (the test moves it); 4 MiB a second keeps a seeding backup visibly in progress
    azure = TestLocalAzure.start("--local-azure.clock.rate=0", "--local-azure.backup.bytes-per-second=4194304",
        "--local-azure.backup.retention=P3D");
    arm = new ArmHttp(azure, TestLocalAzure.armToken(azure));
    group = "bk-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(arm.put("subscriptions/" + SUBSCRIPTION + "/resourcegroups/" + group + "?api-version=2021-04-01",
        "{\"location\":\"westus\"}").status()).isEqualTo(201);
    ArmHttp.Reply vault = arm.put("subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + group
        + "/providers/Microsoft.RecoveryServices/vaults/seed-vault?api-version=2023-04-01",
        "{\"location\":\"westus\",\"sku\":{\"name\":\"Standard\"}}");
    assertThat(vault.status()).as("%s", vault.body()).isEqualTo(201);
    vaultId = vault.body().path("id").asText();
    account = "bk" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    accountId = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + group
        + "/providers/Microsoft.Storage/storageAccounts/" + account;
    ArmHttp.Reply created = arm.put(accountId.substring(1) + "?api-version=2025-06-01",
        "{\"location\":\"westus\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(200);
    String key = arm.post(accountId.substring(1) + "/listKeys?api-version=2025-06-01", null).body()
        .at("/keys/0/value").asText();
    customerBlobs = blobs(created.body().at("/properties/primaryEndpoints/blob").asText(), account, key);
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @Test
  void anAgentSetUpBeforeItsImportJobExistsWaitsForIt() throws Exception {
    String server = "srv-early";
    assertThat(arm.put("local-azure/backup-servers/" + server, "{\"vaultId\":\"" + vaultId + "\",\"offlineSeeding\":"
        + "{\"importJobName\":\"job-early\",\"storageAccountId\":\"" + accountId + "\",\"container\":\"early\","
        + "\"blobPrefix\":\"e/\"}}").status()).isEqualTo(201);
    advanceToNextSlot();
    arm.get("local-azure/backup-servers/" + server); // the agent's schedule is swept on a read
    assertThat(jobsOf(server)).as("no job yet: nothing to back up, nothing failed").isEmpty();
    createImportJob("job-early");
    advanceToNextSlot();
    arm.get("local-azure/backup-servers/" + server);
    assertThat(jobsOf(server)).as("the import is under way").isEmpty();
  }

  @Test
  void theSeedingBackupCopiesTheImportIntoTheVaultAndARestoreBringsItBack() throws Exception {
    BlobContainerClient seeds = customerBlobs.createBlobContainerIfNotExists("seeds");
    Map<String, byte[]> seed = new TreeMap<>(Map.of(
        "seed-a/chunk-0.bin", random(5 * 1024 * 1024 + 17, 1),
        "seed-a/chunk-1.bin", random(10, 2),
        "seed-a/manifest/empty.bin", new byte[0]));
    seed.forEach((name, data) -> seeds.getBlobClient(name).upload(BinaryData.fromBytes(data), true));
    seeds.getBlobClient("seed-b/elsewhere.bin").upload(BinaryData.fromBytes(random(100, 3)), true);
    createImportJob("job-a");

    String server = "srv-a.contoso.local";
    String registration = "{\"vaultId\":\"" + vaultId + "\",\"offlineSeeding\":{\"importJobName\":\"job-a\","
        + "\"storageAccountId\":\"" + accountId + "\",\"container\":\"seeds\",\"blobPrefix\":\"seed-a/\"}}";
    ArmHttp.Reply registered = arm.put("local-azure/backup-servers/" + server, registration);
    assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
    assertThat(registered.body().path("scheduleTimes").toString()).isEqualTo("[\"22:00\"]");
    ArmHttp.Reply again = arm.put("local-azure/backup-servers/" + server, registration);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(registered.body());
    assertThat(arm.get("local-azure/backup-servers/" + server).body()).isEqualTo(registered.body());

    JsonNode container = single(list(arm.get(vaultPath("/backupProtectionContainers?$filter=backupManagementType"
        + "%20eq%20'MAB'&"))).stream().filter(c -> c.path("name").asText().equals(server)).toList());
    assertThat(container.at("/properties/friendlyName").asText()).isEqualTo(server);
    assertThat(container.at("/properties/registrationStatus").asText()).isEqualTo("Registered");
    assertThat(container.at("/properties/containerType").asText()).isEqualTo("Windows");
    JsonNode item = item(server);
    assertThat(item.path("id").asText()).isEqualTo(vaultId + "/backupFabrics/Azure/protectionContainers/" + server
        + "/protectedItems/FileFolder");
    assertThat(item.at("/properties/protectedItemType").asText()).isEqualTo("MabFileFolderProtectedItem");
    assertThat(item.at("/properties/protectionState").asText()).isEqualTo("IRPending");
    assertThat(item.at("/properties/extendedInfo/recoveryPointCount").asInt()).isZero();

    // the import is not finished at the first schedule time: the agent waits
    Instant firstSlot = advanceToNextSlot();
    assertThat(jobsOf(server)).isEmpty();

    finishImportJob("job-a", "Completed");
    Instant slot = advanceToNextSlot();
    assertThat(slot).isEqualTo(firstSlot.plus(Duration.ofDays(1)));
    JsonNode running = single(jobsOf(server));
    assertThat(running.at("/properties/status").asText()).isEqualTo("InProgress");
    assertThat(running.at("/properties/jobType").asText()).isEqualTo("MabJob");
    assertThat(running.at("/properties/operation").asText()).isEqualTo("Backup");
    assertThat(running.at("/properties/mabServerName").asText()).isEqualTo(server);
    assertThat(Instant.parse(running.at("/properties/startTime").asText())).isEqualTo(slot);
    assertThat(running.at("/properties/endTime").isMissingNode()).isTrue();

    String jobPath = vaultPath("/backupJobs/" + running.path("name").asText() + "?");
    JsonNode done = await(jobPath, j -> !j.at("/properties/status").asText().equals("InProgress"));
    assertThat(done.at("/properties/status").asText()).as("%s", done).isEqualTo("Completed");
    long total = seed.values().stream().mapToLong(b -> b.length).sum();
    assertThat(done.at("/properties/extendedInfo/propertyBag/Bytes Transferred").asText()).isEqualTo("" + total);
    assertThat(done.at("/properties/extendedInfo/propertyBag/Bytes Total").asText()).isEqualTo("" + total);
    assertThat(done.at("/properties/endTime").asText()).isNotEmpty();
    assertThat(Duration.parse(done.at("/properties/duration").asText()).isNegative()).isFalse();

    item = item(server);
    assertThat(item.at("/properties/protectionState").asText()).isEqualTo("Protected");
    assertThat(item.at("/properties/lastBackupStatus").asText()).isEqualTo("Completed");
    assertThat(Instant.parse(item.at("/properties/lastBackupTime").asText())).isEqualTo(slot);
    assertThat(item.at("/properties/extendedInfo/recoveryPointCount").asInt()).isEqualTo(1);
    String itemPath = item.path("id").asText().substring(1);
    JsonNode point = single(arm.get(itemPath + "/recoveryPoints?" + API));
    assertThat(point.at("/properties/objectType").asText()).isEqualTo("GenericRecoveryPoint");
    assertThat(point.at("/properties/recoveryPointType").asText()).isEqualTo("Full");
    assertThat(Instant.parse(point.at("/properties/recoveryPointTime").asText())).isEqualTo(slot);
    assertThat(arm.get(point.path("id").asText().substring(1) + "?" + API).body()).isEqualTo(point);

    // the vault's own copy, in local-azure's account that no subscription lists
    String vaultAccount = azure.properties().getBackup().getStorageAccount();
    assertThat(arm.get("subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Storage/storageAccounts?"
        + "api-version=2025-06-01").body().toString()).doesNotContain(vaultAccount);
    BlobContainerClient vaultCopy = blobs(customerBlobs.getAccountUrl().replace("/" + account, "/" + vaultAccount),
        vaultAccount, azure.bean(Azurite.class).keyOf(vaultAccount)).getBlobContainerClient(
        VaultStorage.container(vaultId));
    String copyPrefix = server + "/" + point.path("name").asText() + "/";
    assertThat(contents(vaultCopy, copyPrefix)).isEqualTo(seed);

    // a restore into a new container of the customer's account: same names, same bytes
    ArmHttp.Reply restore = arm.post(point.path("id").asText().substring(1) + "/restore?" + API,
        "{\"properties\":{\"objectType\":\"MabRestoreRequest\",\"targetStorageAccountId\":\"" + accountId
            + "\",\"targetContainer\":\"restored\"}}");
    assertThat(restore.status()).as("%s", restore.body()).isEqualTo(202);
    String operation = relative(restore.header("Azure-AsyncOperation"));
    JsonNode status = await(operation, s -> !s.path("status").asText().equals("InProgress"));
    assertThat(status.path("status").asText()).as("%s", status).isEqualTo("Succeeded");
    assertThat(arm.get(relative(restore.header("Location"))).status()).isEqualTo(204);
    assertThat(contents(customerBlobs.getBlobContainerClient("restored"), "")).isEqualTo(seed);

    // the next schedule time takes an incremental point
    Instant next = advanceToNextSlot();
    List<JsonNode> points = list(arm.get(itemPath + "/recoveryPoints?" + API));
    assertThat(points).hasSize(2);
    assertThat(points.get(1).at("/properties/recoveryPointType").asText()).isEqualTo("Incremental");
    assertThat(Instant.parse(points.get(1).at("/properties/recoveryPointTime").asText())).isEqualTo(next);
    assertThat(item(server).at("/properties/extendedInfo/recoveryPointCount").asInt()).isEqualTo(2);
    String since = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd hh:mm:ss a", java.util.Locale.US)
        .format(next.atOffset(ZoneOffset.UTC));
    List<JsonNode> recent = list(arm.get(vaultPath("/backupJobs?$filter=operation%20eq%20'Backup'%20and%20startTime"
        + "%20eq%20'" + since.replace(" ", "%20") + "'&")));
    assertThat(recent).isNotEmpty().allMatch(j -> !Instant.parse(j.at("/properties/startTime").asText())
        .isBefore(next));

    // past the retention (3 days here): old jobs and incremental points go, the seed's full point stays
    advance(Duration.ofDays(4));
    List<JsonNode> kept = list(arm.get(itemPath + "/recoveryPoints?" + API));
    assertThat(kept).extracting(p -> p.at("/properties/recoveryPointType").asText())
        .containsExactly("Full", "Incremental");
    assertThat(kept.get(0).path("name").asText()).isEqualTo(point.path("name").asText());
    assertThat(Instant.parse(kept.get(1).at("/properties/recoveryPointTime").asText()))
        .isEqualTo(next.plus(Duration.ofDays(4)));
    assertThat(jobsOf(server)).singleElement().satisfies(j -> assertThat(Instant.parse(
        j.at("/properties/startTime").asText())).isEqualTo(next.plus(Duration.ofDays(4))));
    assertThat(arm.get(jobPath).status()).isEqualTo(404);
  }

  @Test
  void aClosedImportOrMissingBlobsFailTheBackupWithoutARecoveryPoint() throws Exception {
    customerBlobs.createBlobContainerIfNotExists("closed");
    createImportJob("job-closed");
    createImportJob("job-empty");
    String closed = "srv-closed";
    String empty = "srv-empty";
    assertThat(arm.put("local-azure/backup-servers/" + closed, "{\"vaultId\":\"" + vaultId + "\",\"scheduleTimes\":"
        + "[\"06:00\",\"22:00\"],\"offlineSeeding\":{\"importJobName\":\"job-closed\",\"storageAccountId\":\""
        + accountId + "\",\"container\":\"closed\",\"blobPrefix\":\"x/\"}}").status()).isEqualTo(201);
    assertThat(arm.put("local-azure/backup-servers/" + empty, "{\"vaultId\":\"" + vaultId + "\",\"scheduleTimes\":"
        + "[\"06:00\",\"22:00\"],\"offlineSeeding\":{\"importJobName\":\"job-empty\",\"storageAccountId\":\""
        + accountId + "\",\"container\":\"closed\",\"blobPrefix\":\"nothing-here/\"}}").status()).isEqualTo(201);
    finishImportJob("job-closed", "Closed");
    finishImportJob("job-empty", "Completed");
    advance(Duration.ofDays(1));

    JsonNode failed = single(jobsOf(closed));
    assertThat(failed.at("/properties/status").asText()).isEqualTo("Failed");
    assertThat(failed.at("/properties/extendedInfo/dynamicErrorMessage").asText()).contains("job-closed", "Closed");
    assertThat(failed.at("/properties/errorDetails/0/errorString").asText()).contains("Closed");
    assertThat(item(closed).at("/properties/protectionState").asText()).isEqualTo("IRPending");
    assertThat(item(closed).at("/properties/lastBackupStatus").asText()).isEqualTo("Failed");
    assertThat(list(arm.get(item(closed).path("id").asText().substring(1) + "/recoveryPoints?" + API))).isEmpty();

    JsonNode missing = await(vaultPath("/backupJobs/" + single(jobsOf(empty)).path("name").asText() + "?"),
        j -> !j.at("/properties/status").asText().equals("InProgress"));
    assertThat(missing.at("/properties/status").asText()).isEqualTo("Failed");
    assertThat(missing.at("/properties/extendedInfo/dynamicErrorMessage").asText()).contains("missing");
    assertThat(item(empty).at("/properties/extendedInfo/recoveryPointCount").asInt()).isZero();
  }

  @Test
  void twentyServersSeedAtOnce() throws Exception {
    BlobContainerClient many = customerBlobs.createBlobContainerIfNotExists("many");
    List<String> servers = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "srv-many-" + i).toList();
    for (int i = 0; i < servers.size(); i++) {
      many.getBlobClient("seed-" + i + "/data.bin").upload(BinaryData.fromBytes(random(1000 + i, i)), true);
      createImportJob("job-many-" + i);
      finishImportJob("job-many-" + i, "Completed");
    }
    // registered concurrently, as twenty seeds' stages would
    List<java.util.concurrent.CompletableFuture<Integer>> registrations = new java.util.ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      String body = "{\"vaultId\":\"" + vaultId + "\",\"offlineSeeding\":{\"importJobName\":\"job-many-" + i
          + "\",\"storageAccountId\":\"" + accountId + "\",\"container\":\"many\",\"blobPrefix\":\"seed-" + i
          + "/\"}}";
      String server = servers.get(i);
      registrations.add(java.util.concurrent.CompletableFuture.supplyAsync(
          () -> arm.put("local-azure/backup-servers/" + server, body).status()));
    }
    assertThat(registrations).allSatisfy(r -> assertThat(r.get()).isEqualTo(201));
    advanceToNextSlot();
    for (int i = 0; i < servers.size(); i++) {
      String server = servers.get(i);
      JsonNode job = await(vaultPath("/backupJobs/" + single(jobsOf(server)).path("name").asText() + "?"),
          j -> !j.at("/properties/status").asText().equals("InProgress"));
      assertThat(job.at("/properties/status").asText()).as("%s", job).isEqualTo("Completed");
      assertThat(job.at("/properties/extendedInfo/propertyBag/Bytes Total").asText()).isEqualTo("" + (1000 + i));
      assertThat(item(server).at("/properties/protectionState").asText()).isEqualTo("Protected");
    }
  }

  @Test
  void badRegistrationsAreRefusedNamingTheField() {
    String seeding = "\"offlineSeeding\":{\"importJobName\":\"j\",\"storageAccountId\":\"" + accountId
        + "\",\"container\":\"seeds\",\"blobPrefix\":\"p/\"}";
    assertRefused("srv-x", "{" + seeding + "}", "vaultId");
    assertRefused("srv-x", "{\"vaultId\":\"not-an-id\"}", "vaultId");
    assertRefused("srv-x", "{\"vaultId\":\"" + vaultId + "\",\"scheduleTimes\":[\"25:00\"]}", "scheduleTimes");
    assertRefused("srv-x", "{\"vaultId\":\"" + vaultId + "\",\"offlineSeeding\":{\"storageAccountId\":\"" + accountId
        + "\",\"container\":\"seeds\"}}", "offlineSeeding.importJobName");
    assertRefused("srv-x", "{\"vaultId\":\"" + vaultId + "\"," + seeding.replace("\"seeds\"", "\"Bad_Name\"") + "}",
        "offlineSeeding.container");
    assertRefused("srv-x", "{\"vaultId\":\"" + vaultId + "\"," + seeding.replace(account, "nosuchaccount") + "}",
        "offlineSeeding.storageAccountId");
    assertRefused("srv-x", "{\"vaultId\":\"" + vaultId + "\",\"schedule\":[\"22:00\"]}", "schedule");
    assertRefused("-srv", "{\"vaultId\":\"" + vaultId + "\"}", "serverName");
    ArmHttp.Reply unknownVault = arm.put("local-azure/backup-servers/srv-x", "{\"vaultId\":\""
        + vaultId.replace("seed-vault", "no-vault") + "\"}");
    assertThat(unknownVault.status()).isEqualTo(404);
    assertThat(arm.get("local-azure/backup-servers/srv-x").status()).isEqualTo(404);
    assertThat(new ArmHttp(azure, null).put("local-azure/backup-servers/srv-x", "{\"vaultId\":\"" + vaultId + "\"}")
        .status()).as("the admin API wants an admin token").isEqualTo(401);
  }

  private static void assertRefused(String server, String body, String field) {
    ArmHttp.Reply reply = arm.put("local-azure/backup-servers/" + server, body);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(400);
    assertThat(reply.body().at("/error/target").asText()).as("%s", reply.body()).isEqualTo(field);
    assertThat(reply.body().at("/error/message").asText()).contains(field.substring(field.lastIndexOf('.') + 1));
  }

  // ---- helpers ----

  private static String vaultPath(String rest) {
    return vaultId.substring(1) + rest + API;
  }

  private static JsonNode item(String server) {
    return list(arm.get(vaultPath("/backupProtectedItems?$filter=backupManagementType%20eq%20'MAB'&"))).stream()
        .filter(i -> i.at("/properties/computerName").asText().equals(server)).findFirst()
        .orElseThrow(() -> new AssertionError("no protected item of " + server));
  }

  private static List<JsonNode> jobsOf(String server) {
    return list(arm.get(vaultPath("/backupJobs?"))).stream()
        .filter(j -> j.at("/properties/mabServerName").asText().equals(server)).toList();
  }

  private static List<JsonNode> list(ArmHttp.Reply reply) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    List<JsonNode> items = new java.util.ArrayList<>();
    reply.body().path("value").forEach(items::add);
    return items;
  }

  private static JsonNode single(ArmHttp.Reply reply) {
    return single(list(reply));
  }

  private static JsonNode single(List<JsonNode> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private static JsonNode await(String path, Predicate<JsonNode> until) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      ArmHttp.Reply reply = arm.get(path);
      assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
      if (until.test(reply.body())) {
        return reply.body();
      }
      assertThat(Instant.now()).as("still %s", reply.body()).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private static String relative(String url) {
    assertThat(url).startsWith(azure.armEndpoint());
    return url.substring(azure.armEndpoint().length());
  }

  private static Instant now() {
    return Instant.parse(arm.get("local-azure/clock").body().path("now").asText());
  }

  private static void advance(Duration duration) {
    assertThat(arm.post("local-azure/clock", "{\"advance\":\"" + duration + "\"}").status()).isEqualTo(200);
  }

  /** Moves the clock a minute past the next 22:00 UTC; answers that 22:00. */
  private static Instant advanceToNextSlot() {
    Instant now = now();
    Instant slot = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(22, 0).toInstant(ZoneOffset.UTC);
    if (!slot.isAfter(now)) {
      slot = slot.plus(Duration.ofDays(1));
    }
    advance(Duration.between(now, slot).plusMinutes(1));
    return slot;
  }

  private static void createImportJob(String name) {
    TestLocalAzure.importJob(azure, SUBSCRIPTION, group, name, accountId);
  }

  /** Ends an import job as the datacenter would, without shipping drives (the import tests cover that). */
  private static void finishImportJob(String name, String state) {
    TestLocalAzure.endImportJob(azure, SUBSCRIPTION, group, name, state);
  }

  private static BlobServiceClient blobs(String endpoint, String accountName, String key) {
    return new BlobServiceClientBuilder()
        .endpoint(endpoint)
        .credential(new StorageSharedKeyCredential(accountName, key))
        .httpClient(new JdkHttpClientBuilder(
            java.net.http.HttpClient.newBuilder().sslContext(azure.certificates().sslContext())).build())
        .buildClient();
  }

  /** Blob name (without {@code prefix}) to bytes. */
  private static Map<String, byte[]> contents(BlobContainerClient container, String prefix) {
    Map<String, byte[]> contents = new TreeMap<>();
    Set<String> names = new LinkedHashSet<>();
    for (BlobItem blob : container.listBlobs(new com.azure.storage.blob.models.ListBlobsOptions().setPrefix(prefix),
        null)) {
      names.add(blob.getName());
    }
    for (String name : names) {
      contents.put(name.substring(prefix.length()), container.getBlobClient(name).downloadContent().toBytes());
    }
    return new ContentMap(contents);
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  /** A map whose equality compares byte arrays by content, so assertions show names when they differ. */
  private static final class ContentMap extends TreeMap<String, byte[]> {
    ContentMap(Map<String, byte[]> contents) {
      super(contents);
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Map<?, ?> map) || map.size() != size()) {
        return false;
      }
      return entrySet().stream().allMatch(e -> map.get(e.getKey()) instanceof byte[] bytes
          && java.util.Arrays.equals(bytes, e.getValue()));
    }

    @Override
    public int hashCode() {
      return keySet().hashCode();
    }
  }
}
