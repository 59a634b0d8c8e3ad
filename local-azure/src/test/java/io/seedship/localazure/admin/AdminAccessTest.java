package io.seedship.localazure.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.auth.TokenIssuer;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who reaches the admin API: loopback only by default, and only with an admin client's ARM token. */
class AdminAccessTest {

  /** Every admin call, with a body that would change something if it got through. */
  private static final List<String[]> CALLS = List.of(
      new String[] {"GET", "local-azure/clock", null},
      new String[] {"POST", "local-azure/clock", "{\"advance\":\"P1D\"}"},
      new String[] {"GET", "local-azure/faults", null},
      new String[] {"PUT", "local-azure/faults", "{\"throttleFraction\":1}"},
      new String[] {"PUT", "local-azure/subscriptions/" + UUID.randomUUID(), null},
      new String[] {"PUT", "local-azure/graph/applications/" + UUID.randomUUID() + "/protected", null});

  private static LocalAzure azure;
  private static ArmHttp admin;

  @BeforeAll
  static void start() {
    azure = TestLocalAzure.start("--local-azure.azurite.mode=none");
    admin = new ArmHttp(azure, TestLocalAzure.adminToken(azure));
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @Test
  void withoutATokenEveryAdminCallIsRefusedAsArmRefusesAndChangesNothing() {
    Instant clockBefore = Instant.parse(admin.get("local-azure/clock").body().path("now").asText());
    ArmHttp anonymous = new ArmHttp(azure, null);
    for (String[] call : CALLS) {
      ArmHttp.Reply reply = anonymous.send(call[0], call[1], call[2]);
      assertThat(reply.status()).as("%s %s", call[0], call[1]).isEqualTo(401);
      assertThat(reply.body().at("/error/code").asText()).isEqualTo("AuthenticationFailed");
      assertThat(reply.body().at("/error/message").asText()).contains("'Authorization' header is missing");
      assertThat(reply.header("WWW-Authenticate")).contains("authorization_uri=")
          .contains(azure.properties().getTenantId());
    }
    assertThat(admin.get("local-azure/faults").body().path("throttleFraction").asDouble()).isZero();
    assertThat(Instant.parse(admin.get("local-azure/clock").body().path("now").asText())).as("not advanced a day")
        .isBefore(clockBefore.plus(Duration.ofHours(1)));
  }

  @Test
  void pathSpellingsDoNotSlipPastTheCheck() {
    ArmHttp anonymous = new ArmHttp(azure, null);
    for (String path : List.of("local-azure;x=y/faults", "/local-azure/faults", "LOCAL-AZURE/faults",
        "local-azure/health/../faults", "local-azure/./faults")) {
      ArmHttp.Reply reply = anonymous.send("PUT", path, "{\"throttleFraction\":1}");
      assertThat(reply.status()).as(path).isIn(400, 401, 404);
    }
    assertThat(admin.get("local-azure/faults").body().path("throttleFraction").asDouble()).isZero();
  }

  @Test
  void healthStaysOpenForProbes() {
    ArmHttp.Reply health = new ArmHttp(azure, null).get("local-azure/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("status").asText()).isEqualTo("UP");
  }

  @Test
  void aTokenFromLocalAzuresEntraForSeedshipsServicePrincipalIsAdmin() throws Exception {
    LocalAzureProperties.App app = azure.properties().getApp();
    String token = clientCredentialsToken(azure, app.getClientId(), app.getClientSecret());
    ArmHttp.Reply faults = new ArmHttp(azure, token).get("local-azure/faults");
    assertThat(faults.status()).isEqualTo(200);
    assertThat(faults.body().path("retryAfter").asText()).isEqualTo("PT1S");
  }

  @Test
  void invalidTokensAre401WithArmsCodes() {
    String clientId = azure.properties().getApp().getClientId();
    TokenIssuer issuer = azure.bean(TokenIssuer.class);
    assertRefused(TestLocalAzure.adminToken(azure) + "x", 401, "InvalidAuthenticationToken", "invalid");
    assertRefused(issuer.issueForApp(clientId, clientId, azure.armEndpoint(), Duration.ofSeconds(-5)), 401,
        "ExpiredAuthenticationToken", "expiry");
    assertRefused(issuer.issueForApp(clientId, clientId, azure.graphEndpoint()), 401,
        "InvalidAuthenticationTokenAudience", azure.graphEndpoint());
  }

  @Test
  void otherPrincipalsAre403() {
    LocalAzureProperties properties = azure.properties();
    TokenIssuer issuer = azure.bean(TokenIssuer.class);
    String otherApp = UUID.randomUUID().toString();
    assertRefused(issuer.issueForApp(otherApp, otherApp, azure.armEndpoint()), 403, "AuthorizationFailed", otherApp);
    String user = issuer.issueForUser(properties.getApp().getClientId(), properties.getUser().getObjectId(),
        properties.getUser().getUserPrincipalName(), azure.armEndpoint());
    assertRefused(user, 403, "AuthorizationFailed", properties.getUser().getUserPrincipalName());
  }

  @Test
  void aConfiguredAdminClientReplacesTheDefault() {
    String operatorApp = UUID.randomUUID().toString();
    try (LocalAzure configured = TestLocalAzure.start("--local-azure.azurite.mode=none",
        "--local-azure.admin.client-ids=" + operatorApp)) {
      TokenIssuer issuer = configured.bean(TokenIssuer.class);
      ArmHttp operator = new ArmHttp(configured, issuer.issueForApp(operatorApp, operatorApp, configured.armEndpoint()));
      assertThat(operator.get("local-azure/clock").status()).isEqualTo(200);
      ArmHttp seedship = new ArmHttp(configured, TestLocalAzure.adminToken(configured));
      assertThat(seedship.get("local-azure/clock").status()).isEqualTo(403);
      assertThat(seedship.get("subscriptions?api-version=2021-04-01").status()).as("ARM itself is unchanged")
          .isEqualTo(200);
    }
  }

  @Test
  void listensOnLoopbackUnlessToldOtherwise() throws Exception {
    Optional<InetAddress> external = nonLoopbackAddress();
    assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
    assertThat(admin.get("local-azure/health").status()).isEqualTo(200);
    assertThat(connects(external.get(), azure.port())).as("reachable on %s", external.get()).isFalse();

    try (LocalAzure everywhere = TestLocalAzure.start("--local-azure.azurite.mode=none", "--server.address=0.0.0.0")) {
      assertThat(connects(external.get(), everywhere.port())).as("server.address=0.0.0.0 serves %s", external.get())
          .isTrue();
    }
  }

  private void assertRefused(String token, int status, String code, String mentions) {
    ArmHttp.Reply reply = new ArmHttp(azure, token).put("local-azure/faults", "{\"throttleFraction\":1}");
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo(code);
    assertThat(reply.body().at("/error/message").asText()).contains(mentions);
    assertThat(admin.get("local-azure/faults").body().path("throttleFraction").asDouble()).isZero();
  }

  private static String clientCredentialsToken(LocalAzure azure, String clientId, String secret) throws Exception {
    String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
        + "&scope=" + enc(azure.armEndpoint() + ".default");
    HttpClient http = HttpClient.newBuilder().sslContext(azure.certificates().sslContext()).build();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(azure.authorityHost()
            + azure.properties().getTenantId() + "/oauth2/v2.0/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("token endpoint").isEqualTo(200);
    return Json.MAPPER.readTree(response.body()).path("access_token").asText();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces().filter(nic -> {
      try {
        return nic.isUp() && !nic.isLoopback();
      } catch (IOException e) {
        return false;
      }
    }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .findFirst();
  }

  private static boolean connects(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (ConnectException e) {
      return false;
    }
  }
}
