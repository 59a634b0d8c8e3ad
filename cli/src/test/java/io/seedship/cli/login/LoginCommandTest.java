package io.seedship.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.ClientAuthenticationException;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.seedship.cli.SeedshipCli;
import io.seedship.cli.failure.Exit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code seedship login}'s choice of sign-in, refused before anything goes on the network. */
class LoginCommandTest {

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {
  }

  private Run login(String config, String... args) throws Exception {
    Path file = Files.writeString(dir.resolve("cli.properties"), config);
    CommandLine cli = SeedshipCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("login"));
    all.addAll(List.of(args));
    all.add("--config=" + file);
    return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  @Test
  void deviceCodeAndAClientSecretAreExclusive() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s3cret-value");
    Run run = login("tenant-id=t\n", "--device-code", "--client-id", "c", "--client-secret-file", secret.toString());
    assertThat(run.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(run.err()).contains("mutually exclusive").contains("--device-code").doesNotContain("s3cret-value");
    assertThat(dir.resolve("cli.properties.token")).doesNotExist();
  }

  @Test
  void deviceCodeNeedsAPublicClientFromTheFlagOrTheConfiguration() throws Exception {
    Run run = login("tenant-id=t\n", "--device-code");
    assertThat(run.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(run.err()).contains("--client-id").contains("cli-client-id");
  }

  @Test
  void clientCredentialsNeedAClientIdAndTakeNoTimeout() throws Exception {
    Run none = login("tenant-id=t\n");
    assertThat(none.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(none.err()).contains("no --client-id").contains("--device-code");

    Path secret = Files.writeString(dir.resolve("secret"), "s3cret-value");
    Run timeout = login("tenant-id=t\n", "--client-id", "c", "--client-secret-file", secret.toString(),
        "--timeout", "PT1M");
    assertThat(timeout.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(timeout.err()).contains("--timeout is for --device-code");

    Run zero = login("tenant-id=t\ncli-client-id=c\n", "--device-code", "--timeout", "PT0S");
    assertThat(zero.exit()).isEqualTo(Exit.BAD_INPUT);
    assertThat(zero.err()).contains("--timeout must be positive");
  }

  @Test
  void theHelpSaysWhereTheDeviceCodesPublicClientComesFrom() throws Exception {
    Run help = login("", "--help");
    assertThat(help.exit()).isEqualTo(Exit.OK);
    assertThat(help.out()).contains("--device-code").contains("cli-client-id").contains("--timeout");
  }

  @Test
  void aRefusalIsReportedAsTheAuthorityGaveItUnderTheLibrariesWrapping() {
    MsalServiceException declined = new MsalServiceException("AADSTS65004: The user declined to sign in.\r\n"
        + "Trace ID: 1", "authorization_declined");
    assertThat(DeviceCodeSignIn.reason(new ClientAuthenticationException("Failed to acquire token with device code.",
        null, new RuntimeException(declined))))
        .isEqualTo("authorization_declined: AADSTS65004: The user declined to sign in.");
    assertThat(DeviceCodeSignIn.reason(new MsalClientException("Expired Device code", "code_expired")))
        .startsWith("expired_token");
    assertThat(DeviceCodeSignIn.reason(new IllegalStateException("no route to host"))).isEqualTo("no route to host");
  }
}
