package io.seedship.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.cli.failure.Exit;
import io.seedship.contracts.Topic;
import io.seedship.contracts.Topics;
import io.seedship.contracts.diskprep.DrivePrepared;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.RequestIdFilter;
import io.seedship.runtime.test.TopicReader;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code seedship} command against the running system (a real broker with identities, local-azure, every
 * service): one completed seed, then each command's output, exit code and refusals, as a user meets them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path home;
  LocalSeedship local;
  LocalSeed.Outcome seed;
  Path config;


  @BeforeAll
  void start() throws Exception {
    local = LocalSeedship.start(home, Map.of("spring.main.banner-mode", "off"));
    config = home.resolve(LocalSeedship.CLI_CONFIG);
    seed = LocalSeed.run(local, home, LocalSeed.sampleSource(home.resolve("source"), 1 << 20),
        Duration.ofMinutes(6), event -> { });
    assertThat(seed.completed()).as(String.valueOf(seed.last())).isTrue();
  }

  @AfterAll
  void stop() {
    if (local != null) {
      local.close();
    }
  }

  @Test
  @Order(1)
  void beforeSigningInACommandSaysToLogIn() {
    CliRun run = run("seed", "show", seed.seedId());
    assertThat(run.exit()).isEqualTo(Exit.NOT_ALLOWED);
    assertThat(run.err()).contains("not signed in").contains("seedship login");
  }

  @Test
  @Order(2)
  void aWrongSecretIsRefusedAndNothingIsKept() throws Exception {
    Path secret = Files.writeString(home.resolve("wrong-secret"), "not-the-secret");
    CliRun run = run("login", "--client-id", client("seedship-operator").getClientId(), "--client-secret-file",
        secret.toString());
    assertThat(run.exit()).isEqualTo(Exit.NOT_ALLOWED);
    assertThat(run.err()).contains("sign-in as").doesNotContain("not-the-secret");
    assertThat(config.resolveSibling(config.getFileName() + ".token")).doesNotExist();
  }

  @Test
  @Order(3)
  void theOperatorSignsInAndTheTokenIsKeptMode600() throws Exception {
    CliRun run = login("seedship-operator");
    assertThat(run.exit()).as(run.err()).isEqualTo(Exit.OK);
    assertThat(run.out()).contains("Seedship.Operator");
    Path token = config.resolveSibling(config.getFileName() + ".token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
    String kept = Files.readString(token);
    String accessToken = kept.lines().filter(l -> l.startsWith("access-token=")).findFirst().orElseThrow()
        .substring("access-token=".length());
    assertThat(run.out()).doesNotContain(accessToken);
  }

  @Test
  @Order(4)
  void aCompletedSeedIsShownListedAndCounted() throws Exception {
    CliRun show = run("seed", "show", seed.seedId());
    assertThat(show.exit()).as(show.err()).isEqualTo(Exit.OK);
    assertThat(show.out()).contains(seed.seedId()).contains("COMPLETED").contains("recoveryPoint");

    CliRun list = run("seed", "list", "--state", "completed", "-o", "json");
    assertThat(list.exit()).as(list.err()).isEqualTo(Exit.OK);
    JsonNode rows = JSON.readTree(list.out());
    assertThat(rows.isArray()).isTrue();
    assertThat(rows.findValuesAsText("seed")).contains(seed.seedId());
    assertThat(rows.findValuesAsText("state")).containsOnly("COMPLETED");
    assertThat(JSON.readTree(run("seed", "list", "--state", "FAILED", "-o", "json").out())).isEmpty();

    CliRun status = run("status", "-o", "yaml");
    assertThat(status.exit()).isEqualTo(Exit.OK);
    assertThat(status.out()).contains("COMPLETED: 1");
  }

  @Test
  @Order(5)
  void aBadRequestIsRefusedNamingEachFieldAndAnUnknownSeedIsNotFound() {
    CliRun request = run("seed", "request", "--source", home.resolve("no-such-dir").toString(), "--staging-location",
        "relative/staging");
    assertThat(request.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(request.err()).contains("staging-service refused the request").contains("stagingLocation");

    CliRun unknown = run("seed", "show", "no-such-seed");
    assertThat(unknown.exit()).isEqualTo(Exit.NOT_FOUND);

    CliRun badFlag = run("ship", seed.seedId(), "--carrier", "DHL", "--tracking-number", "1", "--drive-count", "x");
    assertThat(badFlag.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(badFlag.err()).contains("--drive-count");
  }

  @Test
  @Order(6)
  void theCopyMachinesDrivesAreListedWithTheirSeedAndWhyOthersAreNotEligible() throws Exception {
    String serial = seed.events().stream().filter(e -> e instanceof DrivePrepared).map(DrivePrepared.class::cast)
        .findFirst().orElseThrow().getDriveId();
    CliRun list = run("drives", "list", "-o", "json");
    assertThat(list.exit()).as(list.err()).isEqualTo(Exit.OK);
    JsonNode written = null;
    for (JsonNode row : JSON.readTree(list.out())) {
      if (row.path("serial").asText().equals(serial)) {
        written = row;
      }
    }
    assertThat(written).as(list.out()).isNotNull();
    assertThat(written.path("seed").asText()).isEqualTo(seed.seedId());
    // the written drive holds a BitLocker volume now: never offered again, and the reason says so
    assertThat(written.path("eligible").asText()).isEqualTo("no");
    assertThat(written.path("why not").asText()).isNotBlank();
  }

  @Test
  @Order(7)
  void confirmationsAskFirstAndADryRunSendsNothing() {
    CliRun declined = run(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)), "drives", "confirm",
        seed.seedId(), "SERIAL-THAT-WOULD-BE-ERASED");
    assertThat(declined.exit()).isEqualTo(Exit.DECLINED);
    assertThat(declined.out()).contains("will be erased").contains("SERIAL-THAT-WOULD-BE-ERASED")
        .contains("no drive was touched");
    // said yes, the confirmation goes to the agent naming the person (it was refused for want of confirmedBy);
    // the agent then refuses a drive for a seed that is done, asynchronously, touching nothing
    CliRun confirmed = run("drives", "confirm", seed.seedId(), "SERIAL-OF-NO-DRIVE", "--yes");
    assertThat(confirmed.exit()).as(confirmed.err()).isEqualTo(Exit.OK);
    assertThat(confirmed.out()).contains("SERIAL-OF-NO-DRIVE").contains("sent");

    // the review is the service's: a seed without an import job yet gets its package once the job exists
    CliRun dryRun = run("ship", "seed-without-a-job", "--carrier", "DHL", "--tracking-number", "DRY-1",
        "--drive-count", "1", "--ship-date", LocalDate.now().toString(), "--dry-run");
    assertThat(dryRun.exit()).as(dryRun.err()).isEqualTo(Exit.OK);
    assertThat(dryRun.out()).contains("DRY-1").contains("once the seed's import job exists")
        .contains("Dry run: nothing was sent");
    // and its rules speak at the review, before anything is sent (even with --yes): a carrier the datacenter refuses
    CliRun refused = run("ship", seed.seedId(), "--carrier", "Pigeon Post", "--tracking-number", "PIGEON1",
        "--drive-count", "1", "--ship-date", LocalDate.now().toString(), "--yes");
    assertThat(refused.exit()).as(refused.out()).isEqualTo(Exit.BAD_INPUT);
    assertThat(refused.err()).contains("shipping-service refused").contains("carrierName");
    assertThat(refused.out()).doesNotContain("Sent:");
    CliRun missing = run("ship", seed.seedId(), "--carrier", "DHL");
    assertThat(missing.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(missing.err()).contains("--tracking-number").contains("--drive-count");
  }

  @Test
  @Order(11)
  void shipShowsTheJobAndTheRegisteredPackage() throws Exception {
    CliRun show = run("ship", "show", seed.seedId());
    assertThat(show.exit()).as(show.err()).isEqualTo(Exit.OK);
    assertThat(show.out()).contains("REGISTERED").contains("drive(s)");
    JsonNode view = JSON.readTree(run("ship", "show", seed.seedId(), "-o", "json").out());
    assertThat(view.path("job").path("importJobName").asText()).isNotBlank();
    assertThat(view.path("shipment").path("trackingNumber").asText()).isNotBlank();
    assertThat(run("ship", "show", "no-such-seed").exit()).isEqualTo(Exit.NOT_FOUND);
  }

  @Test
  @Order(8)
  void onlyAKeyCustodianGetsARecoveryPasswordAndItGoesToANewFileMode600() throws Exception {
    String serial = seed.events().stream().filter(e -> e instanceof DrivePrepared).map(DrivePrepared.class::cast)
        .findFirst().orElseThrow().getDriveId();
    Path file = home.resolve("recovery-password.txt");
    CliRun refused = run("keys", "recovery-password", seed.seedId(), serial, "--reason", "cli test", "--to-file",
        file.toString());
    assertThat(refused.exit()).isEqualTo(Exit.NOT_ALLOWED);
    assertThat(refused.err()).contains("Seedship.KeyCustodian");
    assertThat(file).doesNotExist();

    assertThat(login("seedship-key-custodian").exit()).isEqualTo(Exit.OK);
    CliRun handedOut = run("keys", "recovery-password", seed.seedId(), serial, "--reason", "cli test", "--to-file",
        file.toString());
    assertThat(handedOut.exit()).as(handedOut.err()).isEqualTo(Exit.OK);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String password = Files.readString(file).strip();
    assertThat(password).matches("\\d{6}(-\\d{6}){7}");
    assertThat(handedOut.out() + handedOut.err()).doesNotContain(password);

    CliRun again = run("keys", "recovery-password", seed.seedId(), serial, "--reason", "cli test", "--to-file",
        file.toString());
    assertThat(again.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(again.err()).contains("exists");
    assertThat(Files.readString(file).strip()).isEqualTo(password);
  }

  @Test
  @Order(9)
  void watchingASeedReplaysItsProgressAndExitsWithItsOutcome() {
    CliRun watch = run("seed", "watch", seed.seedId(), "--timeout", "PT2M");
    assertThat(watch.exit()).as(watch.err()).isEqualTo(Exit.OK);
    // not a terminal: a plain line at each change, in order, then the outcome
    assertThat(watch.out()).containsSubsequence("STAGING", "COMPLETED: recovery point");

    CliRun nothingYet = run("seed", "watch", "seed-that-never-was", "--timeout", "PT3S");
    assertThat(nothingYet.exit()).isEqualTo(Exit.STILL_RUNNING);
    assertThat(nothingYet.err()).contains("no outcome after PT3S");
  }

  @Test
  @Order(10)
  void replayingACompletedSeedsWholeHistoryIntoEveryServiceChangesNothing() throws Exception {
    assertThat(login("seedship-sre").exit()).isEqualTo(Exit.OK);
    Map<String, Integer> recordsBefore = recordsOf(seed.seedId());
    Map<Path, String> drivesBefore = files(home.resolve(LocalSeed.BAY));
    Instant start = Instant.now();
    int skipped = 0;
    for (String service : LocalSeedship.SERVICES.keySet()) {
      // no --yes: a record that would be handled anew is declined at the question, and fails here
      CliRun replay = run("replay", "--to", service, "--seed", seed.seedId(), "-o", "json");
      assertThat(replay.exit()).as(service + ": " + replay.err()).isEqualTo(Exit.OK);
      List<String> outcomes = JSON.readTree(replay.out()).findValuesAsText("outcome");
      assertThat(outcomes).as(service).isNotEmpty().allSatisfy(o -> assertThat(o)
          .matches("skipped: already handled .*|not sent: no handler in this service"));
      skipped += (int) outcomes.stream().filter(o -> o.startsWith("skipped")).count();
    }
    assertThat(skipped).isPositive();
    // no event published twice: each topic holds as many of the seed's records as before
    assertThat(recordsOf(seed.seedId())).isEqualTo(recordsBefore);
    // no drive touched
    assertThat(files(home.resolve(LocalSeed.BAY))).isEqualTo(drivesBefore);
    // no call to Azure but reads (and the sign-ins of the command and of services renewing tokens)
    assertThat(local.azure().bean(RequestIdFilter.class).servedSince(start))
        .allSatisfy(r -> assertThat(r.method().equals("GET") || r.path().contains("/oauth2/"))
            .as(r.toString()).isTrue());

    CliRun plan = run("replay", "--to", "staging-service", "--seed", seed.seedId(), "--dry-run");
    assertThat(plan.exit()).isEqualTo(Exit.OK);
    assertThat(plan.out()).contains("skip: handled").contains("dry run: nothing was sent");
  }

  @Test
  @Order(12)
  void aSeedWaitingForItsShipmentIsCancelledWithItsImportJobAndTheCommandWaitsForItsEnd() throws Exception {
    assertThat(login("seedship-operator").exit()).isEqualTo(Exit.OK);
    CliRun noReason = run("seed", "cancel", seed.seedId());
    assertThat(noReason.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(noReason.err()).contains("--reason");
    CliRun ended = run("seed", "cancel", seed.seedId(), "--reason", "too late", "--yes");
    assertThat(ended.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(ended.err()).contains("already ended COMPLETED");

    CompletableFuture<ImportJobCreated> created = new CompletableFuture<>();
    // its own thread: on 2 cores the common pool has one worker, and the Azure SDK's token requests (MSAL) need it
    ExecutorService seeder = Executors.newSingleThreadExecutor();
    CompletableFuture<LocalSeed.Outcome> waiting = CompletableFuture.supplyAsync(() -> LocalSeed.run(local, home,
        LocalSeed.sampleSource(home.resolve("unshipped-source"), 1 << 20), LocalSeed.Plan.UNSHIPPED,
        Duration.ofMinutes(8), event -> {
          if (event instanceof ImportJobCreated job) {
            created.complete(job);
          }
        }), seeder);
    seeder.shutdown();
    String unshipped = created.get(6, TimeUnit.MINUTES).getMetadata().getSeedId();

    CliRun declined = run(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)), "seed", "cancel",
        unshipped, "--reason", "wrong vault");
    assertThat(declined.exit()).isEqualTo(Exit.DECLINED);
    assertThat(declined.out()).contains("AWAITING_SHIPMENT").contains("cancels its import job in Azure")
        .contains("Nothing was sent");

    CliRun cancel = run("seed", "cancel", unshipped, "--reason", "wrong vault", "--yes", "--timeout", "PT4M");
    assertThat(cancel.exit()).as(cancel.out() + cancel.err()).isEqualTo(Exit.OK);
    assertThat(cancel.out()).contains("CANCELLED").contains("IMPORT");

    LocalSeed.Outcome outcome = waiting.get(4, TimeUnit.MINUTES);
    assertThat(outcome.last()).isInstanceOfSatisfying(SeedFailed.class, f -> assertThat(f.getCancelled()).isTrue());
    assertThat(outcome.shipped()).isFalse();
    assertThat(outcome.events()).filteredOn(e -> e instanceof ImportJobFinished).singleElement()
        .satisfies(f -> assertThat(((ImportJobFinished) f).getCancelRequested()).isTrue());
    assertThat(run("seed", "show", unshipped).out()).contains("CANCELLED");
    CliRun again = run("seed", "cancel", unshipped, "--reason", "twice", "--yes");
    assertThat(again.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(again.err()).contains("already ended CANCELLED");
  }

  @Test
  @Order(13)
  void aNewUsersSeedGoesThroughWithTheCommandAloneAsTheReadmeShowsIt() throws Exception {
    assertThat(login("seedship-operator").exit()).isEqualTo(Exit.OK);
    Path template = home.resolve(LocalSeedship.REQUEST_TEMPLATE);
    Files.writeString(template, LocalSeed.requestTemplate(local, home).toPrettyString());
    try (LocalWorld world = LocalWorld.start(local, home)) {
      CliRun request = run("seed", "request", "-f", template.toString(), "--import-job-name", "readme-seed",
          "--source", LocalSeed.sampleSource(home.resolve("readme-source"), 1 << 20).toString(), "--set",
          "backupServer=mars-readme");
      assertThat(request.exit()).as(request.err()).isEqualTo(Exit.OK);
      String seedId = request.out().lines().filter(l -> l.startsWith("seedId")).findFirst().orElseThrow()
          .substring("seedId".length()).strip();
      try (var drive = new java.io.RandomAccessFile(home.resolve(LocalSeed.BAY).resolve("README-DRIVE-1.img")
          .toFile(), "rw")) {
        drive.setLength(1L << 30);
      }
      awaitOutput(() -> run("drives", "list", "-o", "json").out(), "README-DRIVE-1");
      awaitOutput(() -> run("seed", "show", seedId).out(), "confirm the drives to format");
      CliRun confirm = run("drives", "confirm", seedId, "README-DRIVE-1", "--yes");
      assertThat(confirm.exit()).as(confirm.err()).isEqualTo(Exit.OK);
      awaitOutput(() -> run("seed", "show", seedId).out(), "AWAITING_SHIPMENT");
      CliRun ship = run("ship", seedId, "--carrier", "FedEx", "--tracking-number", "README 1", "--drive-count", "1",
          "--yes");
      assertThat(ship.exit()).as(ship.out() + ship.err()).isEqualTo(Exit.OK);
      CliRun watch = run("seed", "watch", seedId, "--timeout", "PT5M");
      assertThat(watch.exit()).as(watch.out() + watch.err()).isEqualTo(Exit.OK);
      assertThat(watch.out()).containsSubsequence("IN_TRANSIT", "IMPORTING", "COMPLETED: recovery point");
      assertThat(run("seed", "show", seedId).out()).contains("mars-readme");
    }
  }

  /** Runs {@code output} until what it prints contains {@code expected}. */
  private static void awaitOutput(java.util.function.Supplier<String> output, String expected)
      throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofMinutes(3));
    String last = output.get();
    while (!last.contains(expected)) {
      assertThat(Instant.now()).as("waiting for '" + expected + "'; last:\n" + last).isBefore(end);
      Thread.sleep(1000);
      last = output.get();
    }
  }

  /** How many records of {@code seedId} each topic holds (the replay topic aside), read committed. */
  private Map<String, Integer> recordsOf(String seedId) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Topic topic : Topics.ALL) {
      if (topic == Topics.REPLAY) {
        continue;
      }
      try (var reader = new TopicReader(local.clientProperties("admin"), topic.name(),
          true)) {
        counts.put(topic.name(), (int) reader.readFor(Duration.ofSeconds(2)).stream()
            .filter(r -> seedId.equals(r.key())).count());
      }
    }
    return counts;
  }

  /** Every file under {@code dir} with its size and modification time. */
  private static Map<Path, String> files(Path dir) throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (var walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files.put(f, Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis());
      }
    }
    return files;
  }

  private CliRun login(String clientName) throws Exception {
    LocalAzureProperties.ApiClient client = client(clientName);
    Path secret = Files.writeString(home.resolve(clientName + ".secret"), client.getClientSecret());
    return run("login", "--client-id", client.getClientId(), "--client-secret-file", secret.toString());
  }

  private LocalAzureProperties.ApiClient client(String name) {
    return local.azure().properties().getSeedshipApi().getClients().stream()
        .filter(c -> c.getDisplayName().equals(name)).findFirst().orElseThrow();
  }

  private CliRun run(String... args) {
    return CliRun.of(config, args);
  }

  private CliRun run(ByteArrayInputStream input, String... args) {
    return CliRun.of(config, input, args);
  }
}
