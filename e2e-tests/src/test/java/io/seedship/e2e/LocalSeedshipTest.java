package io.seedship.e2e;

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
import io.seedship.staging.restore.StagingRestorer;
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
      assertThat(get(service, "/actuator/prometheus").body()).as(service).contains("service=\"" + service + "\"");
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
    try (var reader = new TopicReader(local.bootstrapServers(), Topics.COMMANDS.name(), true)) {
      var record = reader.readUntil(r -> seed.equals(r.key()), Duration.ofSeconds(30)).stream()
          .filter(r -> seed.equals(r.key())).findFirst().orElseThrow();
      assertThat(TopicReader.decode(record)).isEqualTo(request);
      assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(RequestSeed.getClassSchema().getFullName());
    }
  }

  @Test
  void aSeedIsAcceptedItsServerPreparedItsBackupStagedWrittenToDrivesShippedImportedAndVerified() throws Exception {
    Path source = LocalSeed.sampleSource(home.resolve("source"));
    LocalSeed.Outcome outcome = LocalSeed.run(local, home, source, Duration.ofMinutes(5), event -> { });

    assertThat(outcome.verified()).as(outcome.last().toString()).isTrue();
    assertThat(outcome.imported()).isTrue();
    assertThat(outcome.events()).extracting(e -> e.getSchema().getName())
        .containsSubsequence("SeedAccepted", "ApplicationReady", "StagingCompleted", "DriveInventoryReported",
            "DriveFormatConfirmed", "DrivePrepared", "ImportJobCreated", "ShipmentRegistered",
            "ImportJobStateChanged", "ImportJobFinished", "ImportVerified");
    // vault-service read every blob back: the chunks, the manifest and its hash, as staging wrote them
    ImportVerified verified = (ImportVerified) outcome.last();
    assertThat(verified.getBlobPrefix()).isEqualTo(outcome.seedId() + "/");
    assertThat(verified.getBlobCount()).isGreaterThanOrEqualTo(3);
    // local-azure's datacenter read the drive the agent wrote (dislocker, ntfs-3g) and copied every blob
    assertThat(outcome.events()).filteredOn(e -> e instanceof ImportJobStateChanged)
        .extracting(e -> ((ImportJobStateChanged) e).getState()).containsSubsequence(ImportJobState.RECEIVED,
            ImportJobState.TRANSFERRING, ImportJobState.PACKAGING, ImportJobState.COMPLETED)
        .doesNotHaveDuplicates();
    DriveCopyLogReported copyLog = TopicReader.awaitEvent(local.bootstrapServers(), outcome.seedId(),
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
    assertThat(home.resolve("data/cert-service/server-files/mars-local/OfflineApplicationParams.xml")).exists();

    // the seed's status followed it through every stage, and each stage's slow part ran as durable work
    String seed = outcome.seedId();
    try (var reader = new TopicReader(local.bootstrapServers(), Topics.SEED_STATUS.name(), true)) {
      var statuses = reader.readUntil(r -> seed.equals(r.key())
              && ((SeedStatus) TopicReader.decode(r)).getState() == SeedState.STAGED, Duration.ofSeconds(30)).stream()
          .filter(r -> seed.equals(r.key())).map(r -> (SeedStatus) TopicReader.decode(r)).toList();
      assertThat(statuses).extracting(SeedStatus::getState).containsSubsequence(SeedState.REQUESTED,
          SeedState.ACCEPTED, SeedState.STAGING, SeedState.STAGED);
    }
    try (var reader = new TopicReader(local.bootstrapServers(), Topics.SEED_STATUS.name(), true)) {
      var statuses = reader.readUntil(r -> seed.equals(r.key())
              && ((SeedStatus) TopicReader.decode(r)).getState() == SeedState.IN_TRANSIT, Duration.ofSeconds(30))
          .stream().filter(r -> seed.equals(r.key())).map(r -> (SeedStatus) TopicReader.decode(r)).toList();
      assertThat(statuses).extracting(SeedStatus::getState).containsSubsequence(SeedState.STAGED,
          SeedState.PREPARING_DRIVES, SeedState.AWAITING_SHIPMENT, SeedState.IN_TRANSIT);
    }
    try (var reader = new TopicReader(local.bootstrapServers(), Topics.SEED_STATUS.name(), true)) {
      var statuses = reader.readUntil(r -> seed.equals(r.key())
              && ((SeedStatus) TopicReader.decode(r)).getDetail().startsWith("import verified"),
          Duration.ofSeconds(30))
          .stream().filter(r -> seed.equals(r.key())).map(r -> (SeedStatus) TopicReader.decode(r)).toList();
      assertThat(statuses).extracting(SeedStatus::getDetail).anyMatch(d -> d.startsWith("import job ended COMPLETED"));
      assertThat(statuses.getLast().getState()).isEqualTo(SeedState.IMPORTING);
    }
    for (String service : java.util.List.of("staging-service", "cert-service", "diskprep-service",
        "importmonitor-service", "vault-service")) {
      // (shipping-service's deadline watches are still waiting: they run two weeks after the shipment)
      JdbcTemplate db = local.services().get(service).getBean(JdbcTemplate.class);
      assertThat(db.queryForList("select state from stage_work where seed_id = ?", String.class, seed)).as(service)
          .isNotEmpty().containsOnly("DONE");
    }
  }

  private HttpResponse<String> get(String service, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + local.port(service) + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
