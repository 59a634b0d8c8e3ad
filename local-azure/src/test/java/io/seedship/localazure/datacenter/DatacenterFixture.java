package io.seedship.localazure.datacenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * One local-azure with a real Azurite and a dock, a storage account to import into, and real drives written by
 * Seedship's drive-format onto sparse image files: what the datacenter tests share.
 */
final class DatacenterFixture implements AutoCloseable {

  static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  static final String API = "api-version=2021-01-01";
  static final long MIB = 1024 * 1024;

  /** A drive as the customer prepared it: the image, its recovery password, what the writer reported, the sources. */
  record Drive(String driveId, Path image, String password, WrittenDrive written, List<SourceFile> files) {
  }

  final Path dir;
  final Path dock;
  final LocalAzure azure;
  final ArmHttp arm;
  final String group;
  final String account;
  final String accountKey;
  final String blobEndpoint;
  private int seed = 1;

  /** Skips the calling tests, with the reason, when the readers, the drive writer's tools or Azurite are missing. */
  static void assumeTools() {
    List<String> missing = new ArrayList<>(DriveTools.missing());
    for (String tool : List.of("mkntfs", "ntfscp", "ntfsfallocate")) {
      if (List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin").stream().noneMatch(d -> Files.isExecutable(Path.of(d, tool)))) {
        missing.add(tool);
      }
    }
    Assumptions.assumeTrue(missing.isEmpty(), "the datacenter tests need the Debian packages dislocker and ntfs-3g;"
        + " missing: " + missing);
    Path azurite = Path.of(System.getProperty("user.home"), ".seedship", "azurite", "3.35.0", "node_modules", ".bin",
        "azurite-blob");
    Assumptions.assumeTrue(Files.isExecutable(azurite) || onPath("npm"), "the datacenter tests need Azurite ("
        + azurite + ") or npm to install it");
  }

  private static boolean onPath(String tool) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
  }

  DatacenterFixture(Path dir) throws IOException {
    this.dir = dir;
    this.dock = Files.createDirectories(dir.resolve("dock"));
    // the virtual clock stands still (rate 0): the tests move it
    this.azure = TestLocalAzure.start("--local-azure.clock.rate=0",
        "--local-azure.import-export.datacenter.dock-dir=" + dock);
    this.arm = new ArmHttp(azure, TestLocalAzure.armToken(azure));
    this.group = "dc-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(arm.put("subscriptions/" + SUBSCRIPTION + "/resourcegroups/" + group + "?api-version=2021-04-01",
        "{\"location\":\"westus\"}").status()).isEqualTo(201);
    this.account = "dc" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ArmHttp.Reply created = arm.put(accountPath() + "?api-version=2025-06-01",
        "{\"location\":\"westus\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(200);
    this.blobEndpoint = created.body().at("/properties/primaryEndpoints/blob").asText();
    this.accountKey = arm.post(accountPath() + "/listKeys?api-version=2025-06-01", null).body()
        .at("/keys/0/value").asText();
  }

  String accountPath() {
    return "subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + group + "/providers/Microsoft.Storage/storageAccounts/"
        + account;
  }

  String jobPath(String job) {
    return "subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + group + "/providers/Microsoft.ImportExport/jobs/"
        + job + "?" + API;
  }

  /** The real Blob SDK on the account, trusting local-azure's certificate. */
  BlobServiceClient blobs() {
    return new BlobServiceClientBuilder()
        .endpoint(blobEndpoint)
        .credential(new StorageSharedKeyCredential(account, accountKey))
        .httpClient(new JdkHttpClientBuilder(
            java.net.http.HttpClient.newBuilder().sslContext(azure.certificates().sslContext())).build())
        .buildClient();
  }

  /** Writes a drive of {@code size} bytes holding files of {@code sizes} as blobs {container}/{driveid}/chunk-i.bin. */
  Drive writeDrive(String driveId, String container, long size, long... sizes) throws IOException {
    return writeDriveAt(driveId, "/" + container + "/" + driveId.toLowerCase(java.util.Locale.ROOT), size, sizes);
  }

  /** Writes a drive holding files of {@code sizes} as blobs {prefix}/chunk-i.bin ({@code prefix}: /container/dir). */
  Drive writeDriveAt(String driveId, String prefix, long size, long... sizes) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src-" + driveId));
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      Path file = src.resolve("chunk-" + i + ".bin");
      fill(file, sizes[i], seed++);
      files.add(SourceFile.of(file, prefix + "/chunk-" + i + ".bin", sizes[i]));
    }
    Path image = dir.resolve(driveId + ".img");
    try (RandomAccessFile sparse = new RandomAccessFile(image.toFile(), "rw")) {
      sparse.setLength(size);
    }
    List<DrivePlan> plans = SpanPlanner.plan(files, List.of(new DriveTarget(image, driveId, size))).drives();
    assertThat(plans).hasSize(1);
    RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
    DriveWriter writer = new DriveWriter(DriveWriter.Options.defaults(dir.resolve("journal"), dir.resolve("scratch"))
        .withMethod(EncryptionMethod.AES_XTS_128));
    WrittenDrive written = writer.write(plans.get(0), password, ProgressListener.NONE);
    return new Drive(driveId, image, password.reveal(), written, files);
  }

  private static void fill(Path file, long length, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] chunk = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = length; left > 0; ) {
        for (int i = 0; i < chunk.length; i += 8) {
          long value = random.nextLong();
          for (int b = 0; b < 8; b++) {
            chunk[i + b] = (byte) (value >>> (8 * b));
          }
        }
        int n = (int) Math.min(chunk.length, left);
        out.write(chunk, 0, n);
        left -= n;
      }
    }
  }

  /** Creates an import job for the drives (logLevel Verbose, manifest backup on) and answers its resource. */
  JsonNode createJob(String job, Drive... drives) {
    return createJob(job, list -> { }, drives);
  }

  /** As {@link #createJob(String, Drive...)}, with the drive list changed by {@code change} before it is sent. */
  JsonNode createJob(String job, java.util.function.Consumer<ArrayNode> change, Drive... drives) {
    ObjectNode body = Json.object();
    body.put("location", "westus");
    ObjectNode properties = body.putObject("properties");
    properties.put("storageAccountId", "/" + accountPath());
    properties.put("jobType", "Import");
    ObjectNode address = properties.putObject("returnAddress");
    address.put("recipientName", "Seedship Operator");
    address.put("streetAddress1", "1 Backup Way");
    address.put("city", "Redmond");
    address.put("postalCode", "98007");
    address.put("countryOrRegion", "USA");
    address.put("phone", "4250000000");
    address.put("email", "operator@seedship.local");
    properties.putObject("returnShipping").put("carrierName", "FedEx").put("carrierAccountNumber", "989ffff");
    properties.put("diagnosticsPath", "waimportexport");
    properties.put("logLevel", "Verbose");
    properties.put("backupDriveManifest", true);
    ArrayNode list = properties.putArray("driveList");
    for (Drive drive : drives) {
      list.addObject()
          .put("driveId", drive.driveId())
          .put("bitLockerKey", drive.password())
          .put("manifestFile", drive.written().manifestFile())
          .put("manifestHash", drive.written().manifestHash())
          .put("driveHeaderHash", drive.written().driveHeaderHash());
    }
    change.accept(list);
    ArmHttp.Reply reply = arm.put(jobPath(job), Json.write(body));
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    return reply.body();
  }

  /** The PATCH that registers the delivery package and moves the job to Shipping: the carrier's transit starts. */
  JsonNode ship(String job, int drives) {
    ArmHttp.Reply reply = arm.patch(jobPath(job), "{\"properties\":{\"state\":\"Shipping\",\"deliveryPackage\":"
        + "{\"carrierName\":\"FedEx\",\"trackingNumber\":\"123456789012\",\"driveCount\":" + drives
        + ",\"shipDate\":\"2026-12-01\"}}}");
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(reply.body().at("/properties/state").asText()).isEqualTo("Shipping");
    return reply.body();
  }

  /** Hands a drive to the datacenter: a link named by the drive id in the dock. */
  void handOver(Drive drive) throws IOException {
    Files.createSymbolicLink(dock.resolve(drive.driveId()), drive.image());
  }

  JsonNode advance(String duration) {
    ArmHttp.Reply reply = arm.post("local-azure/clock", "{\"advance\":\"" + duration + "\"}");
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  JsonNode job(String job) {
    ArmHttp.Reply reply = arm.get(jobPath(job));
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return reply.body();
  }

  /** Polls the job (real time: the copies run on workers) until {@code until} holds. */
  JsonNode awaitJob(String job, Predicate<JsonNode> until, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode current = job(job);
    while (!until.test(current)) {
      assertThat(Instant.now()).as("job %s still %s", job, current.at("/properties")).isBefore(deadline);
      Thread.sleep(200);
      current = job(job);
    }
    return current;
  }

  static JsonNode drive(JsonNode job, String driveId) {
    for (JsonNode drive : job.at("/properties/driveList")) {
      if (drive.path("driveId").asText().equals(driveId)) {
        return drive;
      }
    }
    throw new AssertionError("no drive " + driveId + " in " + job);
  }

  ArmHttp.Reply fault(String driveId, String json) {
    return arm.put("local-azure/import-export/datacenter/faults/" + driveId, json);
  }

  @Override
  public void close() {
    azure.close();
  }
}
