package io.seedship.e2e;

import io.seedship.runtime.test.SecretScan;
import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.Samples;
import io.seedship.contracts.Topics;
import io.seedship.contracts.cloudevents.CloudEventHeaders;
import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.importjob.DriveCopyLogReported;
import io.seedship.contracts.importjob.ImportJobStateChanged;
import io.seedship.contracts.status.SeedState;
import io.seedship.contracts.status.SeedStatus;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.vault.ImportVerified;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.shipping.ArrivalDeadlineExpired;
import io.seedship.contracts.shipping.ArrivalDeadlineWarning;
import io.seedship.localazure.clock.VirtualClock;
import io.seedship.contracts.vault.IncrementalBackupsScheduled;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.StageTime;
import io.seedship.contracts.common.SeedStage;
import io.seedship.stagingformat.restore.StagingRestorer;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The local launcher brings up every service on a real broker and its own database, each reporting ready. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSeedshipTest {

  @TempDir
  static Path home;
  LocalSeedship local;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    local = LocalSeedship.start(home, Map.of());
  }

  @AfterAll
  void stop() {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void everyServiceIsReadyOverHttpWithKafkaAndItsDatabase() throws Exception {
    assertThat(local.services()).containsOnlyKeys(LocalSeedship.SERVICES.keySet());
    for (String service : LocalSeedship.SERVICES.keySet()) {
      HttpResponse<String> ready = get(service, "/actuator/health/readiness");
      assertThat(ready.statusCode()).as(service).isEqualTo(200);
      assertThat(ready.body()).as(service).contains("\"status\":\"UP\"").contains("\"kafka\"").contains("\"db\"");
      assertThat(get(service, "/actuator/prometheus", ApiSignIn.as(local.azure(), "seedship-sre")).body()).as(service)
          .contains("service=\"" + service + "\"");
      assertThat(get(service, "/actuator/prometheus").statusCode()).as("metrics need a token").isEqualTo(401);
    }
  }

  @Test
  void everyServiceReachesLocalAzureWithItsOwnSignIn() {
    String subscription = local.azure().properties().getSubscriptions().getFirst();
    for (var service : local.services().entrySet()) {
      io.seedship.runtime.azure.AzureClients azure =
          service.getValue().getBean(io.seedship.runtime.azure.AzureClients.class);
      var groups = azure.resourceGroups(subscription);
      String group = "rg-" + service.getKey();
      groups.ensure(group, "westus");
      assertThat(groups.exists(group)).as(service.getKey()).isTrue();
    }
  }

  @Test
  void everyServiceAppliedTheRuntimeMigrationsToItsOwnDatabase() throws Exception {
    for (var service : local.services().entrySet()) {
      JdbcTemplate db = service.getValue().getBean(JdbcTemplate.class);
      assertThat(db.queryForObject("select count(*) from seedship_runtime_history where success", Integer.class))
          .as(service.getKey()).isPositive();
      // the runtime's own tables are there (other tests may already have run seeds through)
      assertThat(db.queryForObject("select count(*) from processed_event", Integer.class)).isNotNegative();
      try (var connection = db.getDataSource().getConnection()) {
        assertThat(connection.getMetaData().getURL()).contains(service.getKey());
      }
    }
  }

  @Test
  void aSeedRequestPublishedThroughAServiceRuntimeReachesTheCommandsTopic() {
    String seed = "seed-" + UUID.randomUUID();
    RequestSeed request = Samples.requestSeed(seed);
    local.services().get("staging-service").getBean(SeedEventPublisher.class).publish(request);
    try (var reader = new TopicReader(local.clientProperties("admin"), Topics.COMMANDS.name(), true)) {
      var record = reader.readUntil(r -> seed.equals(r.key()), Duration.ofSeconds(30)).stream()
          .filter(r -> seed.equals(r.key())).findFirst().orElseThrow();
      assertThat(TopicReader.decode(record)).isEqualTo(request);
      assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(RequestSeed.getClassSchema().getFullName());
    }
  }

  @Test
  void aSeedGoesFromRequestToARecoveryPointCheckedFileByFileAndItsEventsOutliveARestart() throws Exception {
    // a few hundred MiB: four projects of 64 MiB that do not compress, and text that does
    Path source = LocalSeed.sampleSource(home.resolve("source"), 64 << 20);
    LocalSeed.Outcome outcome = LocalSeed.run(local, home, source, Duration.ofMinutes(10), event -> { });

    assertThat(outcome.completed()).as(outcome.last().toString()).isTrue();
    assertThat(outcome.verified()).isTrue();
    assertThat(outcome.imported()).isTrue();
    assertThat(outcome.events()).extracting(e -> e.getSchema().getName())
        .containsSubsequence("SeedAccepted", "ApplicationReady", "StagingCompleted", "DriveInventoryReported",
            "DriveFormatConfirmed", "DrivePrepared", "ImportJobCreated", "ShipmentRegistered",
            "ImportJobStateChanged", "ImportJobFinished", "ImportVerified", "VaultSeeded", "SeedCompleted");
    // vault-service read every blob back: the chunks, the manifest and its hash, as staging wrote them
    ImportVerified verified = outcome.events().stream().filter(e -> e instanceof ImportVerified)
        .map(ImportVerified.class::cast).findFirst().orElseThrow();
    assertThat(verified.getBlobPrefix()).isEqualTo(outcome.seedId() + "/");
    assertThat(verified.getBlobCount()).isGreaterThanOrEqualTo(3);
    // local-azure's datacenter read the drive the agent wrote (dislocker, ntfs-3g) and copied every blob
    assertThat(outcome.events()).filteredOn(e -> e instanceof ImportJobStateChanged)
        .extracting(e -> ((ImportJobStateChanged) e).getState()).containsSubsequence(ImportJobState.RECEIVED,
            ImportJobState.TRANSFERRING, ImportJobState.PACKAGING, ImportJobState.COMPLETED)
        .doesNotHaveDuplicates();
    DriveCopyLogReported copyLog = TopicReader.awaitEvent(local.clientProperties("admin"), outcome.seedId(),
        DriveCopyLogReported.class, Duration.ofSeconds(60));
    assertThat(copyLog.getFailedBlobs()).isEmpty();
    var ready = outcome.events().stream().filter(e -> e instanceof ApplicationReady).map(ApplicationReady.class::cast)
        .findFirst().orElseThrow();
    assertThat(ready.getDisplayName()).isEqualTo("AzureOfflineBackup_"
        + local.azure().properties().getUser().getObjectId());
    var completed = outcome.events().stream().filter(e -> e instanceof StagingCompleted)
        .map(StagingCompleted.class::cast).findFirst().orElseThrow();
    Path restored = home.resolve("restored");
    new StagingRestorer().restore(Path.of(completed.getManifestPath()).getParent(), restored);
    try (var files = java.nio.file.Files.walk(source)) {
      for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        assertThat(restored.resolve(source.relativize(file).toString())).hasSameBinaryContentAs(file);
      }
    }
    // the backup server's agent (local-azure) took the import into the vault; vault-service restored it from there and
    // checked every file against the staging manifest
    SeedCompleted done = (SeedCompleted) outcome.last();
    long sourceFiles;
    try (var files = java.nio.file.Files.walk(source)) {
      sourceFiles = files.filter(java.nio.file.Files::isRegularFile).count();
    }
    assertThat(done.getFilesVerified()).isEqualTo(sourceFiles);
    assertThat(done.getBytesImported()).isEqualTo(verified.getBytesVerified());
    assertThat(done.getBytesStaged()).isEqualTo(completed.getStagedBytes());
    assertThat(done.getVaultId()).endsWith("/vaults/" + LocalSeed.VAULT);
    assertThat(done.getBackupServer()).isEqualTo(outcome.events().stream()
        .filter(e -> e instanceof io.seedship.contracts.staging.SeedAccepted).findFirst()
        .map(e -> ((io.seedship.contracts.staging.SeedAccepted) e).getRequest().getBackupServer()).orElseThrow());
    assertThat(done.getStages()).extracting(StageTime::getStage).containsSubsequence(SeedStage.STAGING,
        SeedStage.DISK_PREP, SeedStage.SHIPPING, SeedStage.IMPORT, SeedStage.VAULT);
    assertThat(done.getStages()).allSatisfy(t -> assertThat(t.getEndedAt()).isAfterOrEqualTo(t.getStartedAt()));
    // (on the vault's topic, which the run may not have read to its end when the outcome arrived)
    IncrementalBackupsScheduled incremental = TopicReader.awaitEvent(local.clientProperties("admin"), outcome.seedId(),
        IncrementalBackupsScheduled.class, Duration.ofSeconds(30));
    assertThat(incremental.getSeedRecoveryPointId()).isEqualTo(done.getRecoveryPointId());
    assertThat(incremental.getProtectionState()).isEqualTo("Protected");
    assertThat(home.resolve("data/cert-service/server-files").resolve(done.getBackupServer())
        .resolve("OfflineApplicationParams.xml")).exists();

    // the seed's status followed it through every stage, and each stage's slow part ran as durable work
    String seed = outcome.seedId();
    try (var reader = new TopicReader(local.clientProperties("admin"), Topics.SEED_STATUS.name(), true)) {
      var statuses = reader.readUntil(r -> seed.equals(r.key())
              && ((SeedStatus) TopicReader.decode(r)).getState() == SeedState.STAGED, Duration.ofSeconds(30)).stream()
          .filter(r -> seed.equals(r.key())).map(r -> (SeedStatus) TopicReader.decode(r)).toList();
      assertThat(statuses).extracting(SeedStatus::getState).containsSubsequence(SeedState.REQUESTED,
          SeedState.ACCEPTED, SeedState.STAGING, SeedState.STAGED);
    }
    try (var reader = new TopicReader(local.clientProperties("admin"), Topics.SEED_STATUS.name(), true)) {
      var statuses = reader.readUntil(r -> seed.equals(r.key())
              && ((SeedStatus) TopicReader.decode(r)).getState() == SeedState.IN_TRANSIT, Duration.ofSeconds(30))
          .stream().filter(r -> seed.equals(r.key())).map(r -> (SeedStatus) TopicReader.decode(r)).toList();
      assertThat(statuses).extracting(SeedStatus::getState).containsSubsequence(SeedState.STAGED,
          SeedState.PREPARING_DRIVES, SeedState.AWAITING_SHIPMENT, SeedState.IN_TRANSIT);
    }
    try (var reader = new TopicReader(local.clientProperties("admin"), Topics.SEED_STATUS.name(), true)) {
      var statuses = reader.readUntil(r -> seed.equals(r.key())
              && ((SeedStatus) TopicReader.decode(r)).getDetail().startsWith("import verified"),
          Duration.ofSeconds(30))
          .stream().filter(r -> seed.equals(r.key())).map(r -> (SeedStatus) TopicReader.decode(r)).toList();
      assertThat(statuses).extracting(SeedStatus::getDetail).anyMatch(d -> d.startsWith("import job ended COMPLETED"));
    }
    try (var reader = new TopicReader(local.clientProperties("admin"), Topics.SEED_STATUS.name(), true)) {
      var statuses = reader.readUntil(r -> seed.equals(r.key())
              && ((SeedStatus) TopicReader.decode(r)).getState() == SeedState.COMPLETED, Duration.ofSeconds(30))
          .stream().filter(r -> seed.equals(r.key())).map(r -> (SeedStatus) TopicReader.decode(r)).toList();
      assertThat(statuses.getLast().getStage()).isEqualTo(SeedStage.VAULT);
    }
    for (String service : java.util.List.of("staging-service", "cert-service", "diskprep-service",
        "importmonitor-service", "vault-service")) {
      // (shipping-service's deadline watches are still waiting: they run two weeks after the shipment)
      JdbcTemplate db = local.services().get(service).getBean(JdbcTemplate.class);
      assertThat(db.queryForList("select state from stage_work where seed_id = ?", String.class, seed)).as(service)
          .isNotEmpty().containsOnly("DONE");
    }

    // each service wrote its own log file, its lines tagged with its own name: a service's own classes log to its
    // file only (in the shared JVM, Spring Boot's logging tagged every line with the last service started)
    for (String service : LocalSeedship.SERVICES.keySet()) {
      String own = "io.seedship." + service.replace("-service", "") + ".";
      java.util.List<String> lines = java.nio.file.Files.readAllLines(home.resolve("logs").resolve(service + ".log"));
      assertThat(lines.stream().filter(line -> line.matches("^\\d{4}-.*")).toList()).as(service).isNotEmpty()
          .allSatisfy(line -> assertThat(line).contains("[" + service + "]"));
      assertThat(lines).as(service).anyMatch(line -> line.contains(" " + own));
      for (String other : LocalSeedship.SERVICES.keySet()) {
        if (!other.equals(service)) {
          assertThat(java.nio.file.Files.readAllLines(home.resolve("logs").resolve(other + ".log"))).as(other)
              .noneMatch(line -> line.contains(" " + own));
        }
      }
    }
    assertThat(java.nio.file.Files.readString(home.resolve("logs/vault-service.log")))
        .contains("seed " + seed + ": completed");
    // every service did all of it as itself, within the broker's ACLs (BrokerAcls): no refusal anywhere
    try (var logs = java.nio.file.Files.list(home.resolve("logs"))) {
      for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
        assertThat(java.nio.file.Files.readString(log).lines()).as(log.getFileName().toString())
            .noneMatch(line -> line.contains("AuthorizationException") || line.contains("AUTHORIZATION_FAILED"));
      }
    }

    noSecretOnKafkaOrInALog(outcome);

    // the broker keeps its data under the home: stopped and started again, the seed's outcome is still there
    local.close();
    local = LocalSeedship.start(home, Map.of());
    assertThat(TopicReader.awaitEvent(local.clientProperties("admin"), seed, SeedCompleted.class, Duration.ofSeconds(60)))
        .isEqualTo(done);
  }

  /**
   * The secret scan over a whole seed: every record on the broker (keys, values, headers) and every log file of the
   * run hold none of the seed's secrets (the drives' recovery passwords, the server's private keys, the key-encryption
   * keys, the local credentials, the broker identities' key store passwords) and no bearer token at all.
   */
  void noSecretOnKafkaOrInALog(LocalSeed.Outcome outcome) throws Exception {
    java.util.List<String> secrets = new java.util.ArrayList<>();
    for (io.seedship.localazure.importexport.Job job
        : local.azure().bean(io.seedship.localazure.importexport.JobStore.class).all()) {
      job.copy().path("properties").path("driveList").forEach(drive -> {
        if (!drive.path("bitLockerKey").asText().isBlank()) {
          secrets.add(drive.path("bitLockerKey").asText());
        }
      });
    }
    assertThat(secrets).as("the run's recovery passwords").isNotEmpty();
    var certificates = local.services().get("cert-service")
        .getBean(io.seedship.cert.persistence.OfflineCertificateRepository.class);
    var keys = local.services().get("cert-service").getBean(io.seedship.cert.keys.PrivateKeyVault.class);
    certificates.findAll().forEach(c -> keys.get(c.thumbprint()).ifPresent(key ->
        secrets.add(java.util.Base64.getEncoder().encodeToString(key.getEncoded()).substring(0, 120))));
    for (String kek : java.util.List.of("cert-kek", "diskprep-kek")) {
      String content = java.nio.file.Files.readString(home.resolve("data").resolve(kek)).trim();
      secrets.add(content.substring(content.indexOf(':') + 1));
    }
    var azureSettings = local.azure().properties();
    secrets.add(azureSettings.getApp().getClientSecret());
    azureSettings.getSeedshipApi().getClients().forEach(c -> secrets.add(c.getClientSecret()));
    secrets.add(azureSettings.getUser().getPassword());
    // the key store passwords of the broker's identities
    java.util.Properties passwords = new java.util.Properties();
    try (var in = java.nio.file.Files.newInputStream(
        local.brokerCredentials().directory().resolve("passwords.properties"))) {
      passwords.load(in);
    }
    assertThat(passwords.stringPropertyNames()).contains("admin", "subscriber", "broker", "ca", "vault-service");
    passwords.stringPropertyNames().forEach(name -> secrets.add(passwords.getProperty(name)));

    java.util.List<Path> logs;
    try (var files = java.nio.file.Files.list(home.resolve("logs"))) {
      logs = files.sorted().toList();
    }
    StringBuilder others = new StringBuilder();
    for (Path log : logs.subList(1, logs.size())) {
      others.append(java.nio.file.Files.readString(log)).append('\n');
    }
    SecretScan scan = SecretScan.read(local.clientProperties("admin"), logs.getFirst(), others.toString())
        .assertNoneOf(secrets);
    // a bearer token of any caller: a JWT's header and claims both begin with '{"', base64url "eyJ"
    java.util.regex.Pattern jwt = java.util.regex.Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}");
    assertThat(scan.fields()).filteredOn(f -> jwt.matcher(f.text()).find()).extracting(SecretScan.Field::where)
        .as("records holding a bearer token").isEmpty();
    assertThat(jwt.matcher(scan.log()).find()).as("a bearer token in a log line").isFalse();
  }

  @Test
  void aPackageLostInTransitIsWarnedOfExpiresAndAzureClosingTheJobEndsTheSeedNamingItsDrives() {
    Path source = LocalSeed.sampleSource(home.resolve("lost-source"), 1 << 20);
    LocalSeed.Outcome outcome = LocalSeed.run(local, home, source, LocalSeed.Plan.LOST_PACKAGE,
        Duration.ofMinutes(5), event -> { });

    assertThat(outcome.last()).as(outcome.last().toString()).isInstanceOf(SeedFailed.class);
    SeedFailed failed = (SeedFailed) outcome.last();
    assertThat(failed.getStage()).isEqualTo(SeedStage.IMPORT);
    assertThat(failed.getReason()).contains("ended CLOSED");
    String drive = outcome.events().stream().filter(e -> e instanceof ImportJobCreated)
        .map(e -> ((ImportJobCreated) e).getDriveIds().getFirst()).findFirst().orElseThrow();
    assertThat(failed.getProblems()).extracting(Problem::getMessage)
        .anySatisfy(m -> assertThat(m).startsWith("drive " + drive + " NEVER_RECEIVED"))
        .anySatisfy(m -> assertThat(m).contains(outcome.seedId() + "/staging-manifest.json is missing"));
    assertThat(failed.getAction()).contains("send all its drives again");
    assertThat(outcome.events()).extracting(e -> e.getSchema().getName()).containsSubsequence("ShipmentRegistered",
        "ArrivalDeadlineWarning", "ArrivalDeadlineExpired");
    assertThat(TopicReader.awaitEvent(local.clientProperties("admin"), outcome.seedId(), ImportJobFinished.class,
        Duration.ofSeconds(30)).getOutcome()).isEqualTo(ImportJobOutcome.CLOSED);
    assertThat(outcome.events()).filteredOn(e -> e instanceof ArrivalDeadlineWarning).hasSize(1);
    assertThat(outcome.events()).filteredOn(e -> e instanceof ArrivalDeadlineExpired).hasSize(1);
    assertThat(outcome.events()).noneMatch(e -> e instanceof ImportVerified || e instanceof SeedCompleted);
  }

  @Test
  void aBlockDamagedAtTheDatacenterEndsTheSeedNamingTheBlobTheBlockAndTheDriveToSendAgain() {
    Path source = LocalSeed.sampleSource(home.resolve("damaged-source"), 1 << 20);
    LocalSeed.Outcome outcome = LocalSeed.run(local, home, source, LocalSeed.Plan.CORRUPTED_BLOCK,
        Duration.ofMinutes(5), event -> { });

    assertThat(outcome.last()).as(outcome.last().toString()).isInstanceOf(SeedFailed.class);
    SeedFailed failed = (SeedFailed) outcome.last();
    assertThat(failed.getStage()).isEqualTo(SeedStage.IMPORT);
    String drive = outcome.events().stream().filter(e -> e instanceof ImportJobCreated)
        .map(e -> ((ImportJobCreated) e).getDriveIds().getFirst()).findFirst().orElseThrow();
    assertThat(failed.getProblems()).extracting(Problem::getMessage)
        .anySatisfy(m -> assertThat(m).contains(outcome.seedId() + "/chunk-"))
        .anySatisfy(m -> assertThat(m).startsWith("drive " + drive + " COMPLETED_MORE_INFO"));
    assertThat(failed.getAction()).contains("must travel again").contains(outcome.seedId() + "/");
    DriveCopyLogReported copyLog = TopicReader.awaitEvent(local.clientProperties("admin"), outcome.seedId(),
        DriveCopyLogReported.class, Duration.ofSeconds(60));
    assertThat(copyLog.getFailedBlobs()).isNotEmpty();
    assertThat(outcome.events()).noneMatch(e -> e instanceof ImportVerified || e instanceof SeedCompleted);
  }

  @Test
  void twentySeedsAtOnceAllCompleteWithoutSharingADriveOrAnImportJob() throws Exception {
    VirtualClock clock = local.azure().bean(VirtualClock.class);
    // nobody moves the calendar for twenty seeds: it runs by itself, a virtual day every 15 seconds
    clock.setRate(86_400 / 15.0);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
    try {
      java.util.List<java.util.concurrent.Future<LocalSeed.Outcome>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Path source = LocalSeed.sampleSource(home.resolve("many").resolve("source-" + i), 64 << 10);
        runs.add(pool.submit(() -> LocalSeed.run(local, home, source, LocalSeed.Plan.RUNNING_CLOCK,
            Duration.ofMinutes(15), event -> { })));
      }
      java.util.List<LocalSeed.Outcome> outcomes = new java.util.ArrayList<>();
      for (var run : runs) {
        outcomes.add(run.get());
      }
      assertThat(outcomes).allSatisfy(o -> assertThat(o.completed()).as(o.last().toString()).isTrue());
      var created = outcomes.stream().map(o -> o.events().stream().filter(e -> e instanceof ImportJobCreated)
          .map(ImportJobCreated.class::cast).findFirst().orElseThrow()).toList();
      assertThat(created).extracting(ImportJobCreated::getImportJobName).doesNotHaveDuplicates();
      assertThat(created.stream().flatMap(c -> c.getDriveIds().stream()).toList()).hasSize(20)
          .doesNotHaveDuplicates();
      assertThat(outcomes).extracting(o -> ((SeedCompleted) o.last()).getRecoveryPointId()).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
      clock.setRate(1.0);
    }
  }

  private HttpResponse<String> get(String service, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + local.port(service) + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String service, String path, ApiSignIn caller) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + local.port(service) + path))
        .header("Authorization", "Bearer " + caller.token()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
