package io.seedship.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.cli.SeedshipCli;
import io.seedship.cli.failure.Exit;
import io.seedship.contracts.diskprep.DrivePrepared;
import io.seedship.localazure.LocalAzureProperties;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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

  record Run(int exit, String out, String err) {
  }

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
    Run run = run("seed", "show", seed.seedId());
    assertThat(run.exit()).isEqualTo(Exit.NOT_ALLOWED);
    assertThat(run.err()).contains("not signed in").contains("seedship login");
  }

  @Test
  @Order(2)
  void aWrongSecretIsRefusedAndNothingIsKept() throws Exception {
    Path secret = Files.writeString(home.resolve("wrong-secret"), "not-the-secret");
    Run run = run("login", "--client-id", client("seedship-operator").getClientId(), "--client-secret-file",
        secret.toString());
    assertThat(run.exit()).isEqualTo(Exit.NOT_ALLOWED);
    assertThat(run.err()).contains("sign-in as").doesNotContain("not-the-secret");
    assertThat(config.resolveSibling(config.getFileName() + ".token")).doesNotExist();
  }

  @Test
  @Order(3)
  void theOperatorSignsInAndTheTokenIsKeptMode600() throws Exception {
    Run run = login("seedship-operator");
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
    Run show = run("seed", "show", seed.seedId());
    assertThat(show.exit()).as(show.err()).isEqualTo(Exit.OK);
    assertThat(show.out()).contains(seed.seedId()).contains("COMPLETED").contains("recoveryPoint");

    Run list = run("seed", "list", "--state", "completed", "-o", "json");
    assertThat(list.exit()).as(list.err()).isEqualTo(Exit.OK);
    JsonNode rows = JSON.readTree(list.out());
    assertThat(rows.isArray()).isTrue();
    assertThat(rows.findValuesAsText("seed")).contains(seed.seedId());
    assertThat(rows.findValuesAsText("state")).containsOnly("COMPLETED");
    assertThat(JSON.readTree(run("seed", "list", "--state", "FAILED", "-o", "json").out())).isEmpty();

    Run status = run("status", "-o", "yaml");
    assertThat(status.exit()).isEqualTo(Exit.OK);
    assertThat(status.out()).contains("COMPLETED: 1");
  }

  @Test
  @Order(5)
  void aBadRequestIsRefusedNamingEachFieldAndAnUnknownSeedIsNotFound() {
    Run request = run("seed", "request", "--source", home.resolve("no-such-dir").toString(), "--staging-location",
        "relative/staging");
    assertThat(request.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(request.err()).contains("staging-service refused the request").contains("stagingLocation");

    Run unknown = run("seed", "show", "no-such-seed");
    assertThat(unknown.exit()).isEqualTo(Exit.NOT_FOUND);

    Run badFlag = run("ship", seed.seedId(), "--carrier", "DHL", "--tracking-number", "1", "--drive-count", "x");
    assertThat(badFlag.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(badFlag.err()).contains("--drive-count");
  }

  @Test
  @Order(6)
  void theCopyMachinesDrivesAreListedWithTheirSeedAndWhyOthersAreNotEligible() throws Exception {
    String serial = seed.events().stream().filter(e -> e instanceof DrivePrepared).map(DrivePrepared.class::cast)
        .findFirst().orElseThrow().getDriveId();
    Run list = run("drives", "list", "-o", "json");
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
    Run declined = run(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)), "drives", "confirm",
        seed.seedId(), "SERIAL-THAT-WOULD-BE-ERASED");
    assertThat(declined.exit()).isEqualTo(Exit.DECLINED);
    assertThat(declined.out()).contains("will be erased").contains("SERIAL-THAT-WOULD-BE-ERASED")
        .contains("no drive was touched");

    Run dryRun = run("ship", seed.seedId(), "--carrier", "DHL", "--tracking-number", "DRY-1", "--drive-count", "1",
        "--ship-date", "2026-12-02", "--dry-run");
    assertThat(dryRun.exit()).isEqualTo(Exit.OK);
    assertThat(dryRun.out()).contains("DRY-1").contains("Dry run: nothing was sent");
  }

  @Test
  @Order(8)
  void onlyAKeyCustodianGetsARecoveryPasswordAndItGoesToANewFileMode600() throws Exception {
    String serial = seed.events().stream().filter(e -> e instanceof DrivePrepared).map(DrivePrepared.class::cast)
        .findFirst().orElseThrow().getDriveId();
    Path file = home.resolve("recovery-password.txt");
    Run refused = run("keys", "recovery-password", seed.seedId(), serial, "--reason", "cli test", "--to-file",
        file.toString());
    assertThat(refused.exit()).isEqualTo(Exit.NOT_ALLOWED);
    assertThat(refused.err()).contains("Seedship.KeyCustodian");
    assertThat(file).doesNotExist();

    assertThat(login("seedship-key-custodian").exit()).isEqualTo(Exit.OK);
    Run handedOut = run("keys", "recovery-password", seed.seedId(), serial, "--reason", "cli test", "--to-file",
        file.toString());
    assertThat(handedOut.exit()).as(handedOut.err()).isEqualTo(Exit.OK);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String password = Files.readString(file).strip();
    assertThat(password).matches("\\d{6}(-\\d{6}){7}");
    assertThat(handedOut.out() + handedOut.err()).doesNotContain(password);

    Run again = run("keys", "recovery-password", seed.seedId(), serial, "--reason", "cli test", "--to-file",
        file.toString());
    assertThat(again.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(again.err()).contains("exists");
    assertThat(Files.readString(file).strip()).isEqualTo(password);
  }

  @Test
  @Order(9)
  void watchingASeedReplaysItsProgressAndExitsWithItsOutcome() {
    Run watch = run("seed", "watch", seed.seedId(), "--timeout", "PT2M");
    assertThat(watch.exit()).as(watch.err()).isEqualTo(Exit.OK);
    // not a terminal: a plain line at each change, in order, then the outcome
    assertThat(watch.out()).containsSubsequence("STAGING", "COMPLETED: recovery point");

    Run nothingYet = run("seed", "watch", "seed-that-never-was", "--timeout", "PT3S");
    assertThat(nothingYet.exit()).isEqualTo(Exit.STILL_RUNNING);
    assertThat(nothingYet.err()).contains("no outcome after PT3S");
  }

  private Run login(String clientName) throws Exception {
    LocalAzureProperties.ApiClient client = client(clientName);
    Path secret = Files.writeString(home.resolve(clientName + ".secret"), client.getClientSecret());
    return run("login", "--client-id", client.getClientId(), "--client-secret-file", secret.toString());
  }

  private LocalAzureProperties.ApiClient client(String name) {
    return local.azure().properties().getSeedshipApi().getClients().stream()
        .filter(c -> c.getDisplayName().equals(name)).findFirst().orElseThrow();
  }

  private Run run(String... args) {
    return run(new ByteArrayInputStream(new byte[0]), args);
  }

  private Run run(ByteArrayInputStream input, String... args) {
    CommandLine commandLine = SeedshipCli.commandLine();
    ((SeedshipCli) commandLine.getCommand()).input(input);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config=" + config);
    int exit = commandLine.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}
