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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Signs in with the client-credentials grant (an app registration with a Seedship app role) against the configured
 * authority, Entra ID or local-azure, and keeps the token (mode 600) for the other commands.
 */
@Command(name = "login", description = "Sign in to Seedship's APIs (client credentials) and keep the token, mode 600.")
public final class LoginCommand implements Callable<Integer> {

  @ParentCommand
  Session cli;

  @Option(names = "--client-id", required = true, description = "the app registration's client (application) id")
  String clientId;

  @Option(names = "--client-secret-file", description = "a file holding the client secret "
      + "(default: the environment variable SEEDSHIP_CLIENT_SECRET)")
  Path secretFile;

  @Override
  public Integer call() {
    CliConfig config = cli.config();
    String secret = secret();
    AccessToken token;
    try {
      token = new ClientSecretCredentialBuilder()
          .tenantId(config.required("tenant-id"))
          .clientId(clientId)
          .clientSecret(secret)
          .authorityHost(config.optional("authority-host", "https://login.microsoftonline.com/"))
          .disableInstanceDiscovery()
          .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(cli.sslContext())).build())
          .build()
          .getTokenSync(new TokenRequestContext().addScopes(config.optional("api-scope", CliConfig.DEFAULT_SCOPE)));
    } catch (RuntimeException e) {
      // the identity library's message names the cause (wrong secret, unknown client); never the secret
      throw new CliFailure(Exit.NOT_ALLOWED, "sign-in as " + clientId + " failed: " + firstLine(e.getMessage()));
    }
    TokenCache.Token saved = cli.tokens().save(token.getToken(), token.getExpiresAt().toInstant());
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("caller", saved.caller());
    shown.put("roles", String.join(", ", saved.roles()));
    shown.put("expiresAt", saved.expiresAt().toString());
    shown.put("kept in", cli.tokens().file().toString());
    cli.output().record(shown);
    return Exit.OK;
  }

  private String secret() {
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

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
