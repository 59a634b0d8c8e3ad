package io.seedship.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.cli.SeedshipCli;
import io.seedship.cli.failure.Exit;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.auth.AccessToken;
import io.seedship.localazure.auth.TokenIssuer;
import io.seedship.localazure.tls.LocalCertificates;
import io.seedship.localazure.test.TestLocalAzure;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code seedship login --device-code} against a running local-azure (the sign-in needs no Seedship service, so only
 * local-azure runs), the test standing in for the person at the browser: it reads the page and the code the command
 * prints, answers there, and the command keeps the user's token with the user's roles, or exits NOT_ALLOWED with
 * Entra's reason.
 */
class DeviceCodeLoginTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INSTRUCTIONS =
      Pattern.compile("open the page (\\S+) and enter the code ([A-Z]+) to authenticate");

  static LocalAzure azure;
  static HttpClient browser;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    // interval 1 s instead of Entra's 5: the command polls as told, and the test need not wait
    azure = TestLocalAzure.start("--local-azure.azurite.mode=none", "--local-azure.device-code.interval=PT1S");
    browser = HttpClient.newBuilder().sslContext(azure.certificates().sslContext()).build();
  }

  @AfterAll
  static void stop() {
    if (azure != null) {
      azure.close();
    }
  }

  /** The CLI configuration local-azure's users get, with local-azure.app as the public client. */
  private Path config() throws Exception {
    Properties p = new Properties();
    p.setProperty("tenant-id", azure.properties().getTenantId());
    p.setProperty("authority-host", azure.authorityHost());
    p.setProperty("trust-store", azure.certificates().trustStore().toString());
    p.setProperty("trust-store-password", LocalCertificates.TRUST_STORE_PASSWORD);
    p.setProperty("cli-client-id", azure.properties().getApp().getClientId());
    Path file = dir.resolve("cli.properties");
    try (var out = Files.newOutputStream(file)) {
      p.store(out, "device code login test");
    }
    return file;
  }

  /** The command running in this JVM, in the background, while the test plays the user. */
  private record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {

    /** The page and the code the command printed for its user, once it has. */
    Matcher instructions() throws InterruptedException {
      // generous: a JVM that ran the whole system before this test may be slow to start the command
      Instant deadline = Instant.now().plusSeconds(90);
      while (Instant.now().isBefore(deadline) && !exit.isDone()) {
        Matcher m = INSTRUCTIONS.matcher(err.toString());
        if (m.find()) {
          return m;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no sign-in instructions; stderr: " + err + " stdout: " + out);
    }

    int await() throws Exception {
      return exit.get(90, TimeUnit.SECONDS);
    }
  }

  private static Running run(Path config, String... args) {
    CommandLine commandLine = SeedshipCli.commandLine();
    ((SeedshipCli) commandLine.getCommand()).input(InputStream.nullInputStream());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config=" + config);
    // its own thread, as on a terminal
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        exit.complete(commandLine.execute(all.toArray(String[]::new)));
      } catch (Throwable t) {
        exit.completeExceptionally(t);
      }
    }, "seedship-login");
    thread.setDaemon(true);
    thread.start();
    return new Running(exit, out, err);
  }

  /** What the person does at the page: a form, as the page's own form posts it. */
  private static HttpResponse<String> answer(String page, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return browser.send(HttpRequest.newBuilder(URI.create(page))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theUserApprovesTheCodeAndTheirTokenIsKeptWithTheirRoles() throws Exception {
    Path config = config();
    LocalAzureProperties.User user = azure.properties().getUser();
    // the command must not depend on the JVM's common pool, which other tests' seed runs (CliTest's) may hold for
    // minutes (on more than two cores: CompletableFuture uses it only then)
    AtomicBoolean busy = new AtomicBoolean(true);
    for (int i = 0; i < ForkJoinPool.getCommonPoolParallelism(); i++) {
      ForkJoinPool.commonPool().execute(() -> {
        while (busy.get()) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }
    try {
      signInAndKeep(config, user);
    } finally {
      busy.set(false);
    }
  }

  private void signInAndKeep(Path config, LocalAzureProperties.User user) throws Exception {
    Running login = run(config, "login", "--device-code", "-o", "json");
    Matcher shown = login.instructions();
    assertThat(shown.group(1)).isEqualTo(azure.authorityHost() + "devicelogin");

    HttpResponse<String> approved = answer(shown.group(1), Map.of("user_code", shown.group(2),
        "username", user.getUserPrincipalName(), "password", user.getPassword()));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

    assertThat(login.await()).as(login.err().toString()).isEqualTo(Exit.OK);
    JsonNode result = JSON.readTree(login.out().toString());
    assertThat(result.at("/caller").asText()).isEqualTo(user.getUserPrincipalName());
    assertThat(result.at("/roles").asText()).isEqualTo(String.join(", ",
        azure.properties().getSeedshipApi().getUserRoles())).contains("Seedship.Operator");

    Path kept = config.resolveSibling("cli.properties.token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
    Properties token = new Properties();
    try (var in = Files.newInputStream(kept)) {
      token.load(in);
    }
    // a real token of local-azure's, for the user through the public client, for the Seedship API
    AccessToken verified = azure.bean(TokenIssuer.class).verify(token.getProperty("access-token")).orElseThrow();
    assertThat(verified.user()).isTrue();
    assertThat(verified.userPrincipalName()).isEqualTo(user.getUserPrincipalName());
    assertThat(verified.appId()).isEqualTo(azure.properties().getApp().getClientId());
    assertThat(verified.audience()).isEqualTo(azure.properties().getSeedshipApi().getAppIdUri());
    assertThat(login.err().toString() + login.out()).doesNotContain(user.getPassword())
        .doesNotContain(token.getProperty("access-token"));
  }

  @Test
  void aDeclinedCodeExitsNotAllowedWithEntrasReasonAndKeepsNothing() throws Exception {
    Path config = config();
    Running login = run(config, "login", "--device-code", "--client-id",
        azure.properties().getSeedshipApi().getClients().getFirst().getClientId());
    Matcher shown = login.instructions();
    HttpResponse<String> declined = answer(shown.group(1), Map.of("user_code", shown.group(2), "action", "decline"));
    assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);

    assertThat(login.await()).as(login.err().toString()).isEqualTo(Exit.NOT_ALLOWED);
    assertThat(login.err().toString()).contains("device-code sign-in with client").contains("authorization_declined")
        .contains("AADSTS65004");
    assertThat(config.resolveSibling("cli.properties.token")).doesNotExist();
  }

  @Test
  void nobodyApprovingWithinTheTimeoutExitsNotAllowed() throws Exception {
    Path config = config();
    Running login = run(config, "login", "--device-code", "--timeout", "PT2S");
    login.instructions();
    assertThat(login.await()).as(login.err().toString()).isEqualTo(Exit.NOT_ALLOWED);
    assertThat(login.err().toString()).contains("no sign-in within PT2S");
    assertThat(config.resolveSibling("cli.properties.token")).doesNotExist();
  }
}
