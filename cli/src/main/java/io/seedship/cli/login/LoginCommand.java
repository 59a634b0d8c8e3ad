package io.seedship.cli.login;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.session.Session;
import io.seedship.cli.token.TokenCache;
import io.seedship.cli.config.CliConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Signs in against the configured authority, Entra ID or local-azure, and keeps the token (mode 600) for the other
 * commands: as an app registration with a Seedship app role (client credentials), or as a person with the device
 * code grant ({@link DeviceCodeSignIn}), whose token carries the roles assigned to that user.
 */
@Command(name = "login", description = {
    "Sign in to Seedship's APIs and keep the token, mode 600.",
    "As an application (client credentials): --client-id ID with --client-secret-file FILE or SEEDSHIP_CLIENT_SECRET.",
    "As yourself (--device-code): open the page it prints on standard error on any device, enter the code shown and "
        + "sign in; it waits until you have, until the code expires (Entra ID: 15 minutes) or --timeout. The public "
        + "client (an app registration allowing public client flows) is --client-id, else the configuration's "
        + "cli-client-id. Against local-azure: any client id it knows, such as local-azure.app.client-id; sign in "
        + "there as local-azure.user."})
public final class LoginCommand implements Callable<Integer> {

  @ParentCommand
  Session cli;

  @Option(names = "--client-id", description = "the app registration's client (application) id; with --device-code, "
      + "the public client's (default: cli-client-id in the configuration)")
  String clientId;

  @ArgGroup(exclusive = true)
  Credential credential;

  /** A secret for the application, or a person at a browser: not both. */
  static final class Credential {
    @Option(names = "--client-secret-file", required = true, description = "a file holding the client secret "
        + "(default: the environment variable SEEDSHIP_CLIENT_SECRET)")
    Path secretFile;

    @Option(names = "--device-code", required = true, description = "sign in as yourself in a browser, on this or "
        + "any other device (OAuth 2.0 device authorization grant)")
    boolean deviceCode;
  }

  @Option(names = "--timeout", description = "with --device-code: give up after this long, ISO-8601 such as PT5M "
      + "(default: when the code expires)")
  Duration timeout;

  @Override
  public Integer call() {
    boolean deviceCode = credential != null && credential.deviceCode;
    if (timeout != null && !deviceCode) {
      throw new CliFailure(Exit.BAD_INPUT, "--timeout is for --device-code: client credentials do not wait");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new CliFailure(Exit.BAD_INPUT, "--timeout must be positive, not " + timeout);
    }
    if (!deviceCode && (clientId == null || clientId.isBlank())) {
      throw new CliFailure(Exit.BAD_INPUT, "no --client-id: give the app registration's client id (with "
          + "--client-secret-file), or sign in as yourself with --device-code");
    }
    CliConfig config = cli.config();
    AccessToken token = deviceCode ? deviceCode(config) : clientCredentials(config);
    TokenCache.Token saved = cli.tokens().save(token.getToken(), token.getExpiresAt().toInstant());
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("caller", saved.caller());
    shown.put("roles", String.join(", ", saved.roles()));
    shown.put("expiresAt", saved.expiresAt().toString());
    shown.put("kept in", cli.tokens().file().toString());
    cli.output().record(shown);
    return Exit.OK;
  }

  private AccessToken clientCredentials(CliConfig config) {
    String secret = secret();
    try {
      return new ClientSecretCredentialBuilder()
          .tenantId(config.required("tenant-id"))
          .clientId(clientId)
          .clientSecret(secret)
          .authorityHost(authorityHost(config))
          .disableInstanceDiscovery()
          .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(cli.sslContext())).build())
          .build()
          .getTokenSync(new TokenRequestContext().addScopes(config.optional("api-scope", CliConfig.DEFAULT_SCOPE)));
    } catch (RuntimeException e) {
      // the identity library's message names the cause (wrong secret, unknown client); never the secret
      throw new CliFailure(Exit.NOT_ALLOWED, "sign-in as " + clientId + " failed: "
          + DeviceCodeSignIn.firstLine(e.getMessage()));
    }
  }

  private AccessToken deviceCode(CliConfig config) {
    String publicClient = clientId != null && !clientId.isBlank() ? clientId : config.optional("cli-client-id", null);
    if (publicClient == null) {
      throw new CliFailure(Exit.BAD_INPUT, "--device-code needs the public client's id: give --client-id ID or set "
          + "cli-client-id in " + config.file());
    }
    return new DeviceCodeSignIn(config.required("tenant-id"), authorityHost(config), publicClient,
        config.optional("api-scope", CliConfig.DEFAULT_SCOPE), cli.sslContext())
        .signIn(cli.err(), timeout);
  }

  static String authorityHost(CliConfig config) {
    return config.optional("authority-host", "https://login.microsoftonline.com/");
  }

  private String secret() {
    Path secretFile = credential == null ? null : credential.secretFile;
    if (secretFile != null) {
      try {
        return Files.readString(secretFile).strip();
      } catch (IOException e) {
        throw new CliFailure(Exit.BAD_INPUT, "--client-secret-file: cannot read " + secretFile + ": " + e.getMessage());
      }
    }
    String secret = System.getenv("SEEDSHIP_CLIENT_SECRET");
    if (secret == null || secret.isBlank()) {
      throw new CliFailure(Exit.BAD_INPUT, "no client secret: give --client-secret-file FILE or set "
          + "SEEDSHIP_CLIENT_SECRET (a secret on the command line would stay in the shell's history)");
    }
    return secret.strip();
  }
}
