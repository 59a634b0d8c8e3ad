package io.seedship.cli.login;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DeviceCodeCredentialBuilder;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * A person's sign-in with the OAuth 2.0 device authorization grant (RFC 8628), through azure-identity's
 * DeviceCodeCredential (MSAL4J underneath), against Entra ID or local-azure alike: instance discovery off and the
 * configured TLS trust, as for client credentials. MSAL asks the authority's {@code /devicecode} for codes, the
 * authority's message (the page to open, the code to enter) goes to standard error, so that {@code -o json} keeps
 * standard output for the result; then MSAL polls {@code /token} every {@code interval} the authority gave until the
 * user approved (the token), declined, or the code expired. MSAL stops polling at the code's expiry; {@code --timeout}
 * stops waiting sooner. MSAL takes any refusal other than {@code authorization_pending} as final, {@code slow_down}
 * included, which Entra ID does not send. The device code itself is never printed.
 */
final class DeviceCodeSignIn {

  private final String tenantId;
  private final String authorityHost;
  private final String clientId;
  private final String scope;
  private final SSLContext sslContext;

  DeviceCodeSignIn(String tenantId, String authorityHost, String clientId, String scope, SSLContext sslContext) {
    this.tenantId = tenantId;
    this.authorityHost = authorityHost;
    this.clientId = clientId;
    this.scope = scope;
    this.sslContext = sslContext;
  }

  /** Waits for the user (at most {@code timeout}, null: until the code expires); refusals are NOT_ALLOWED. */
  AccessToken signIn(PrintWriter instructions, Duration timeout) {
    // MSAL's own thread: by default it polls on the JVM's shared common pool, which a host running the command
    // in-process (the tests) may keep busy; stopping the thread also ends a poll's wait at once (--timeout)
    ExecutorService polling = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "seedship-device-code");
      thread.setDaemon(true);
      return thread;
    });
    try {
      return signIn(instructions, timeout, polling);
    } finally {
      polling.shutdownNow();
    }
  }

  private AccessToken signIn(PrintWriter instructions, Duration timeout, ExecutorService polling) {
    CompletableFuture<AccessToken> token = new DeviceCodeCredentialBuilder()
        .tenantId(tenantId)
        .clientId(clientId)
        .authorityHost(authorityHost)
        .disableInstanceDiscovery()
        .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(sslContext)).build())
        .executorService(polling)
        .challengeConsumer(code -> {
          instructions.println(code.getMessage());
          instructions.flush();
        })
        .build()
        .getToken(new TokenRequestContext().addScopes(scope))
        .toFuture();
    try {
      return timeout == null ? token.get() : token.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      token.cancel(true);
      throw new CliFailure(Exit.NOT_ALLOWED, "no sign-in within " + timeout + ": the code was not approved in time; "
          + "run 'seedship login --device-code' again when you are ready to sign in");
    } catch (InterruptedException e) {
      token.cancel(true);
      Thread.currentThread().interrupt();
      throw new CliFailure(Exit.NOT_ALLOWED, "sign-in interrupted before the code was approved");
    } catch (ExecutionException e) {
      throw new CliFailure(Exit.NOT_ALLOWED, "device-code sign-in with client " + clientId + " failed: "
          + reason(e.getCause()));
    }
  }

  /**
   * The authority's refusal as it gave it (its OAuth error and AADSTS description: authorization_declined,
   * expired_token, an unknown client), found under azure-identity's wrapping; MSAL's own end of polling at expiry.
   */
  static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof MsalServiceException refused) {
        return refused.errorCode() + ": " + firstLine(refused.getMessage());
      }
      if (t instanceof MsalClientException client && "code_expired".equals(client.errorCode())) {
        return "expired_token: the code expired before it was approved";
      }
    }
    return failure == null ? "no reason given" : firstLine(failure.getMessage());
  }

  static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }
}
