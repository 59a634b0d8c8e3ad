package io.seedship.staging;

import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.security.SeedshipRole;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.Cloud;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.ReturnShipping;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.common.WorkloadType;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.staging.StagingProgress;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.SecretScan;
import io.seedship.runtime.test.ServiceHttp;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TopicReader;
import io.seedship.stagingformat.restore.StagingRestorer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
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
 * staging-service over a real KRaft broker and a real database: intake of seed requests (Kafka and HTTP), refusals
 * with every problem, and the staging write after application-ready, restored byte-identical. Subclasses choose the
 * database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
abstract class StagingServiceContract {

  static final Duration WAIT = Duration.ofSeconds(120);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  /** The publish-settings file's management certificate: a secret that must not travel or be logged. */
  static final String MANAGEMENT_CERTIFICATE = "TUlJS2V5Rm9yVGVzdHNPbmx5" + UUID.randomUUID().toString().replace("-", "");

  Path home;
  Path staging;
  Path source;
  Path publishSettings;
  Map<String, Object> database;
  ConfigurableApplicationContext service;
  SeedEventPublisher publisher;
  JdbcTemplate db;

  abstract Map<String, Object> database(String name);

  @BeforeAll
  void start() throws Exception {
    home = Files.createTempDirectory("staging-service-test");
    staging = Files.createDirectories(home.resolve("staging"));
    source = MixedTree.create(home.resolve("source"));
    publishSettings = home.resolve("subscription.publishsettings");
    Files.writeString(publishSettings, """
        <?xml version="1.0" encoding="utf-8"?>
        <PublishData>
          <PublishProfile SchemaVersion="2.0" PublishMethod="AzureServiceManagementAPI">
            <Subscription ServiceManagementUrl="https://management.core.windows.net" Id="%s"
                Name="Seedship test" ManagementCertificate="%s" />
          </PublishProfile>
        </PublishData>
        """.formatted(SUBSCRIPTION, MANAGEMENT_CERTIFICATE));
    database = database("staging-service");
    service = startService();
  }

  ConfigurableApplicationContext startService() {
    Map<String, Object> props = new HashMap<>();
    props.put("spring.config.name", StagingServiceApplication.CONFIG_NAME);
    props.put("logging.file.name", home.resolve("staging-service.log").toString());
    props.put("seedship.staging.chunk-target-size", "2MB");
    props.put("seedship.staging.progress-interval", "100ms");
    props.put("seedship.instance-id", "staging-test");
    ConfigurableApplicationContext context = ServiceRunner.start(StagingServiceApplication.class, "staging-service",
        database, props);
    publisher = KafkaTestBroker.publisher();
    db = context.getBean(JdbcTemplate.class);
    return context;
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @Order(1)
  void anAcceptedSeedIsStagedAfterApplicationReadyAndRestoresByteIdentical() throws Exception {
    String seed = UUID.randomUUID().toString();
    publisher.publish(requestSeed(seed, request("initial-" + seed.substring(0, 8), source)));
    SeedAccepted accepted = await(seed, SeedAccepted.class);
    assertThat(accepted.getEstimatedStagedBytes()).isPositive();
    Path dir = staging.resolve(accepted.getRequest().getImportJobName());
    assertThat(dir).as("nothing is written before the application is ready").doesNotExist();

    publisher.publish(applicationReady(seed, accepted.getMetadata()));
    StagingCompleted completed = await(seed, StagingCompleted.class);

    assertThat(completed.getManifestPath()).startsWith(dir.toString());
    assertThat(completed.getFileCount()).isEqualTo(MixedTree.regularFiles(source));
    assertThat(completed.getSourceBytes()).isEqualTo(MixedTree.bytes(source));
    assertThat(completed.getChunkCount()).isGreaterThan(1);
    assertThat(completed.getStagedBytes()).isLessThan(completed.getSourceBytes());
    List<StagingProgress> progress = all(StagingProgress.class, seed);
    assertThat(progress).isNotEmpty();
    assertThat(progress.getLast().getBytesTotal()).isEqualTo(completed.getSourceBytes());
    assertThat(progress).allMatch(p -> p.getBytesDone() <= p.getBytesTotal());
    assertThat(completed.getMetadata().getCorrelationId()).isEqualTo(accepted.getMetadata().getCorrelationId());

    Path restored = home.resolve("restored-" + seed);
    new StagingRestorer().restore(dir, restored);
    MixedTree.assertSameTree(source, restored);

    assertThat(db.queryForObject("select state from staged_seed where seed_id = ?", String.class, seed))
        .isEqualTo("COMPLETED");
    // a second application-ready (a replay by an SRE) changes nothing
    publisher.publish(applicationReady(seed, accepted.getMetadata()));
    assertThat(all(StagingCompleted.class, seed)).hasSize(1);
  }

  @Test
  @Order(2)
  void aRequestWithEveryInputWrongIsRefusedWithEachProblemAndChangesNothing() throws Exception {
    String seed = UUID.randomUUID().toString();
    SeedRequest bad = SeedRequest.newBuilder(request("x", source))
        .setStagingLocation(home.resolve("no-such-dir").toString())
        .setPublishSettingsFile(home.resolve("missing.publishsettings").toString())
        .setImportJobName("-bad name!")
        .setSubscriptionId("not-a-guid")
        .setStorageAccount("Bad_Account")
        .setContainer("UPPER--case")
        .setWorkloadType(WorkloadType.MARS_SYSTEM_STATE)
        .setSourcePath(home.resolve("no-such-source").toString())
        .build();
    List<String> before = listing(staging);
    publisher.publish(requestSeed(seed, bad));
    SeedFailed failed = await(seed, SeedFailed.class);

    assertThat(failed.getStage()).isEqualTo(SeedStage.INTAKE);
    assertThat(failed.getProblems()).extracting(Problem::getField).contains("stagingLocation", "publishSettingsFile",
        "importJobName", "subscriptionId", "storageAccount", "container", "workloadType", "sourcePath");
    assertThat(message(failed, "workloadType")).containsIgnoringCase("system state");
    assertThat(message(failed, "storageAccount")).contains("Bad_Account").contains("3");
    assertThat(db.queryForObject("select count(*) from staged_seed where seed_id = ?", Integer.class, seed)).isZero();
    assertThat(listing(staging)).isEqualTo(before);
    assertThat(home.resolve("no-such-dir")).doesNotExist();
  }

  @Test
  @Order(3)
  void aSubscriptionMissingFromThePublishSettingsAndATakenJobNameAreRefused() throws Exception {
    String first = UUID.randomUUID().toString();
    String jobName = "unique-" + first.substring(0, 8);
    publisher.publish(requestSeed(first, request(jobName, source)));
    await(first, SeedAccepted.class);

    String second = UUID.randomUUID().toString();
    publisher.publish(requestSeed(second, SeedRequest.newBuilder(request(jobName.toUpperCase(), source))
        .setSubscriptionId("5eed5417-0000-4000-8000-0000000000ff").build()));
    SeedFailed failed = await(second, SeedFailed.class);
    assertThat(message(failed, "importJobName")).contains(jobName.toUpperCase());
    assertThat(message(failed, "publishSettingsFile")).contains(SUBSCRIPTION).doesNotContain(MANAGEMENT_CERTIFICATE);
  }

  @Test
  @Order(4)
  void theHttpEndpointAnswersProblemsAtOnceAndPublishesAValidRequestAsACommand() throws Exception {
    HttpResponse<String> refused = post("/api/seeds", body("ok-name").replace("seedstore01", "NOPE"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.get("title").asText()).isEqualTo("Seed request refused");
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asText()).startsWith("seed request refused: 1 problem: storageAccount 'NOPE'");
    assertThat(problem.get("problems")).hasSize(1);
    assertThat(problem.get("problems").get(0).get("field").asText()).isEqualTo("storageAccount");
    assertThat(problem.get("problems").get(0).get("message").asText()).startsWith("storageAccount 'NOPE' is not a"
        + " valid storage account name");

    String jobName = "http-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> accepted = post("/api/seeds", body(jobName));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String seedId = accepted.body().replaceAll(".*\"seedId\":\"([^\"]+)\".*", "$1");
    SeedAccepted seedAccepted = await(seedId, SeedAccepted.class);
    assertThat(seedAccepted.getRequest().getImportJobName()).isEqualTo(jobName);
    assertThat(seedAccepted.getRequest().getRequestedBy()).as("the signed-in caller")
        .isEqualTo("app:" + TestLocalAzure.SEEDSHIP_TEST_CLIENT_ID);
    assertThat(get("/api/seeds/" + seedId).body()).contains("\"state\":\"ACCEPTED\"");
  }

  @Test
  @Order(20)
  void aCancelBeforeStagingEndsTheSeedOnceAndItsApplicationReadyWritesNothing() throws Exception {
    String jobName = "cancel-" + UUID.randomUUID().toString().substring(0, 8);
    String seed = seedIdOf(post("/api/seeds", body(jobName)));
    SeedAccepted accepted = await(seed, SeedAccepted.class);

    HttpResponse<String> noReason = post("/api/seeds/" + seed + "/cancel", "{\"reason\":\"  \"}");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noReason.body()).get("problems").get(0).get("field").asText()).isEqualTo("reason");
    assertThat(post("/api/seeds/" + UUID.randomUUID() + "/cancel", "{\"reason\":\"x\"}").statusCode())
        .isEqualTo(404);

    HttpResponse<String> cancel = post("/api/seeds/" + seed + "/cancel", "{\"reason\":\"wrong source\"}");
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    SeedFailed failed = await(seed, SeedFailed.class);
    assertThat(failed.getCancelled()).isTrue();
    assertThat(failed.getStage()).isEqualTo(SeedStage.STAGING);
    assertThat(failed.getReason()).startsWith("cancelled by app:" + TestLocalAzure.SEEDSHIP_TEST_CLIENT_ID
        + ": wrong source; nothing was staged");
    assertThat(failed.getMetadata().getCorrelationId()).isEqualTo(accepted.getMetadata().getCorrelationId());
    assertThat(db.queryForObject("select state from staged_seed where seed_id = ?", String.class, seed))
        .isEqualTo("CANCELLED");

    // the backup server's preparation ends later: nothing is written for a cancelled seed
    publisher.publish(applicationReady(seed, accepted.getMetadata()));
    assertThat(all(StagingCompleted.class, seed)).isEmpty();
    assertThat(staging.resolve(jobName)).doesNotExist();
    HttpResponse<String> again = post("/api/seeds/" + seed + "/cancel", "{\"reason\":\"twice\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(again.body()).get("detail").asText()).contains("already ended CANCELLED");
    assertThat(all(SeedFailed.class, seed)).hasSize(1);
  }

  @Test
  @Order(21)
  void aCancelAfterStagingCompletedIsLeftToTheNextStage() throws Exception {
    String seed = seedIdOf(post("/api/seeds", body("staged-" + UUID.randomUUID().toString().substring(0, 8))));
    SeedAccepted accepted = await(seed, SeedAccepted.class);
    publisher.publish(applicationReady(seed, accepted.getMetadata()));
    await(seed, StagingCompleted.class);

    assertThat(post("/api/seeds/" + seed + "/cancel", "{\"reason\":\"late\"}").statusCode()).isEqualTo(202);
    Instant deadline = Instant.now().plus(WAIT);
    while (db.queryForObject("select count(*) from seed_cancellation where seed_id = ?", Integer.class, seed) == 0) {
      assertThat(Instant.now()).as("the cancel is recorded all the same").isBefore(deadline);
      Thread.sleep(100);
    }
    assertThat(all(SeedFailed.class, seed)).isEmpty();
    assertThat(db.queryForObject("select state from staged_seed where seed_id = ?", String.class, seed))
        .isEqualTo("COMPLETED");
  }

  static String seedIdOf(HttpResponse<String> accepted) {
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return accepted.body().replaceAll(".*\"seedId\":\"([^\"]+)\".*", "$1");
  }

  @Test
  @Order(5)
  void everyHttpRefusalNamesTheFieldAndTheRuleInTheOneProblemFormat() throws Exception {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("sourcePath", body("rel-path").replace("\"sourcePath\": \"" + source, "\"sourcePath\": \"../x"));
    cases.put("stagingLocaton", body("typo").replace("\"stagingLocation\"", "\"stagingLocaton\""));
    cases.put("workloadType", body("enum").replace("\"DPM\"", "\"SYSTEM\""));
    cases.put("returnShipping", body("type").replaceFirst("\"returnShipping\": \\{[^}]*}",
        "\"returnShipping\": \"FedEx\""));
    cases.put("$", "[" + body("array") + "]");
    cases.put("copyMachine", body("long").replace("\"copy-01\"", "\"" + "c".repeat(20_000) + "\""));
    for (var c : cases.entrySet()) {
      HttpResponse<String> refused = post("/api/seeds", c.getValue());
      assertThat(refused.statusCode()).as(c.getKey() + ": " + refused.body()).isEqualTo(400);
      assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
      JsonNode problems = JSON.readTree(refused.body()).get("problems");
      assertThat(problems).as(refused.body()).isNotEmpty();
      assertThat(problems.get(0).get("field").asText()).as(refused.body()).isEqualTo(c.getKey());
      assertThat(problems.get(0).get("message").asText()).as(refused.body()).hasSizeLessThan(600);
    }
    assertThat(JSON.readTree(post("/api/seeds", cases.get("stagingLocaton")).body()).get("problems").get(0)
        .get("message").asText()).contains("did you mean 'stagingLocation'?");

    HttpResponse<String> huge = post("/api/seeds", body("huge").replace("\"copy-01\"",
        "\"" + "c".repeat(5 << 20) + "\""));
    assertThat(huge.statusCode()).as(huge.body()).isEqualTo(413);
    assertThat(JSON.readTree(huge.body()).get("problems").get(0).get("message").asText()).contains("64 KiB");
  }

  @Test
  @Order(6)
  void aDeviceAsPublishSettingsIsRefusedOverKafkaWithoutBlockingTheConsumer() throws Exception {
    String seed = UUID.randomUUID().toString();
    publisher.publish(requestSeed(seed, SeedRequest.newBuilder(request("dev-zero", source))
        .setPublishSettingsFile("/dev/zero").setCopyMachine("c".repeat(300_000)).build()));

    SeedFailed failed = await(seed, SeedFailed.class);
    assertThat(message(failed, "publishSettingsFile")).contains("'/dev/zero' is a character device, not a regular"
        + " file");
    assertThat(message(failed, "copyMachine")).startsWith("copyMachine is 300000 characters long; copyMachine takes"
        + " at most 128 characters");
    assertThat(failed.getReason()).hasSizeLessThan(2000);
  }

  @Test
  @Order(100)
  void theManagementCertificateNeverReachedKafkaOrALogLine(CapturedOutput output) throws Exception {
    SecretScan scan = SecretScan.read(KafkaTestBroker.client(), home.resolve("staging-service.log"),
        output.getAll()).assertNoneOf(List.of(MANAGEMENT_CERTIFICATE));
    assertThat(scan.log()).contains("accepted").contains("refused");
  }

  // ---------------------------------------------------------------------------------------------------------------

  String body(String jobName) {
    return """
        {"stagingLocation": "%s", "publishSettingsFile": "%s", "importJobName": "%s", "subscriptionId": "%s",
         "resourceGroup": "rg", "storageAccount": "seedstore01", "container": "seeds", "cloud": "LOCAL",
         "workloadType": "DPM", "sourcePath": "%s", "copyMachine": "copy-01",
         "returnAddress": {"recipientName": "Ops", "streetAddress1": "1 Main St", "city": "Redmond",
           "postalCode": "98052", "countryOrRegion": "US", "phone": "+1 425 555 0100", "email": "ops@example.com"},
         "returnShipping": {"carrierName": "FedEx", "carrierAccountNumber": "123456789"}}
        """.formatted(staging, publishSettings, jobName, SUBSCRIPTION, source);
  }

  SeedRequest request(String jobName, Path sourcePath) {
    return SeedRequest.newBuilder()
        .setStagingLocation(staging.toString()).setPublishSettingsFile(publishSettings.toString())
        .setImportJobName(jobName).setSubscriptionId(SUBSCRIPTION).setResourceGroup("seedship-rg")
        .setStorageAccount("seedstore01").setContainer("seeds").setCloud(Cloud.LOCAL)
        .setWorkloadType(WorkloadType.MARS_FILES_AND_FOLDERS).setSourcePath(sourcePath.toString())
        .setBackupServer("mars01")
        .setReturnAddress(PostalAddress.newBuilder().setRecipientName("Ops").setStreetAddress1("1 Main St")
            .setCity("Redmond").setStateOrProvince("WA").setPostalCode("98052").setCountryOrRegion("US")
            .setPhone("+1 425 555 0100").setEmail("ops@example.com").build())
        .setReturnShipping(ReturnShipping.newBuilder().setCarrierName("FedEx").setCarrierAccountNumber("123456789")
            .build())
        .setCopyMachine("copy-01").build();
  }

  static RequestSeed requestSeed(String seedId, SeedRequest request) {
    String id = UUID.randomUUID().toString();
    return RequestSeed.newBuilder().setMetadata(EventMetadata.newBuilder().setEventId(id).setSeedId(seedId)
            .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setProducer("seedship-cli")
            .setCorrelationId(id).setCausationId(null).build())
        .setRequest(request).build();
  }

  /** What cert-service publishes once the seed's backup server is prepared. */
  static ApplicationReady applicationReady(String seedId, EventMetadata cause) {
    return ApplicationReady.newBuilder()
        .setMetadata(EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setSeedId(seedId)
            .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setProducer("cert-service")
            .setCorrelationId(cause.getCorrelationId()).setCausationId(cause.getEventId()).build())
        .setCloud(Cloud.LOCAL).setTenantId("5eed5417-0000-4000-8000-00000000aad0").setSubscriptionId(SUBSCRIPTION)
        .setAzureUserId("5eed5417-0000-4000-8000-0000000005e1").setApplicationId(UUID.randomUUID().toString())
        .setObjectId(UUID.randomUUID().toString()).setDisplayName("AzureOfflineBackup_x")
        .setCertificateThumbprint("A".repeat(40)).setCertificateSubject("CN=CB_AzureADCertforOfflineSeeding_1")
        .setCertificateNotAfter(Instant.now().plus(Duration.ofDays(700)).truncatedTo(ChronoUnit.MILLIS)).build();
  }

  static String message(SeedFailed failed, String field) {
    return failed.getProblems().stream().filter(p -> field.equals(p.getField())).map(Problem::getMessage)
        .findFirst().orElseThrow(() -> new AssertionError("no problem about " + field + " in " + failed));
  }

  static <T extends SpecificRecord> T await(String seedId, Class<T> type) {
    return TopicReader.awaitEvent(KafkaTestBroker.client(), seedId, type, WAIT);
  }

  static <T extends SpecificRecord> List<T> all(Class<T> type, String seedId) {
    return TopicReader.events(KafkaTestBroker.client(), seedId, type, Duration.ofSeconds(2));
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return ServiceHttp.operator(service, TestLocalAzure.shared()).post(path, json);
  }

  HttpResponse<String> get(String path) throws Exception {
    return ServiceHttp.as(service, TestLocalAzure.shared(), SeedshipRole.READER).get(path);
  }

  static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.map(Path::toString).sorted().toList();
    }
  }

  /** A small tree with what trips archivers: empty and large files, deep paths, unicode names, symlinks. */
  static final class MixedTree {

    static Path create(Path root) throws IOException {
      Random random = new Random(42);
      Files.createDirectories(root.resolve("empty-dir"));
      Files.write(root.resolve("empty.txt"), new byte[0]);
      Files.writeString(root.resolve("résumé 日本 🚀.txt"), "unicode names survive\n");
      Path deep = root;
      for (int i = 0; i < 24; i++) {
        deep = deep.resolve("level-" + i);
      }
      Files.createDirectories(deep);
      Files.writeString(deep.resolve("deep.log"), "deep\n".repeat(10_000));
      byte[] random6 = new byte[6 << 20];
      random.nextBytes(random6);
      Files.write(root.resolve("random.bin"), random6);
      StringBuilder text = new StringBuilder();
      while (text.length() < (9 << 20)) {
        text.append("2026-11-21T22:00:00Z INFO seed ").append(random.nextInt(1000)).append(" staged\n");
      }
      Files.writeString(root.resolve("large.log"), text);
      Files.createSymbolicLink(root.resolve("link-to-large"), Path.of("large.log"));
      Files.createSymbolicLink(root.resolve("dangling"), Path.of("does-not-exist"));
      return root;
    }

    static long regularFiles(Path root) throws IOException {
      try (Stream<Path> files = Files.walk(root)) {
        return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).count();
      }
    }

    static long bytes(Path root) throws IOException {
      try (Stream<Path> files = Files.walk(root)) {
        return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
          try {
            return Files.size(p);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).sum();
      }
    }

    static void assertSameTree(Path expected, Path actual) throws IOException {
      try (Stream<Path> files = Files.walk(expected)) {
        for (Path e : files.toList()) {
          Path a = actual.resolve(expected.relativize(e).toString());
          if (Files.isSymbolicLink(e)) {
            assertThat(Files.isSymbolicLink(a)).as(a.toString()).isTrue();
            assertThat(Files.readSymbolicLink(a)).isEqualTo(Files.readSymbolicLink(e));
          } else if (Files.isDirectory(e)) {
            assertThat(a).isDirectory();
          } else {
            assertThat(a).as(a.toString()).hasSameBinaryContentAs(e);
            assertThat(Files.getLastModifiedTime(a)).isEqualTo(Files.getLastModifiedTime(e));
            assertThat(Files.getPosixFilePermissions(a)).isEqualTo(Files.getPosixFilePermissions(e));
          }
        }
      }
      assertThat(listing(actual)).hasSize(listing(expected).size());
    }
  }
}
