package io.seedship.localazure.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DeviceCodeCredentialBuilder;
import com.azure.identity.DeviceCodeInfo;
import com.azure.identity.UsernamePasswordCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.auth.AccessToken;
import io.seedship.localazure.auth.TokenIssuer;
import io.seedship.localazure.graph.TestCertificate;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.io.ByteArrayInputStream;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The real azure-identity / MSAL4J clients against local-azure's Entra and Graph. */
class SdkCredentialsTest {

  private final LocalAzure azure = TestLocalAzure.shared();
  // JdkHttpClientBuilder 1.1.7 has no sslContext(..): TLS trust comes through the JDK builder it wraps
  private final HttpClient http = new JdkHttpClientBuilder(
      java.net.http.HttpClient.newBuilder().sslContext(azure.certificates().sslContext())).build();
  private final String tenant = azure.properties().getTenantId();
  private final TokenRequestContext graphScope = new TokenRequestContext().addScopes(azure.graphEndpoint() + ".default");

  private TokenCredential certificateCredential(String clientId, TestCertificate certificate) {
    return new ClientCertificateCredentialBuilder()
        .authorityHost(azure.authorityHost())
        .tenantId(tenant)
        .clientId(clientId)
        .pemCertificate(new ByteArrayInputStream(certificate.pem()))
        .disableInstanceDiscovery()
        .httpClient(http)
        .build();
  }

  @Test
  void aCertificateRegisteredThroughGraphSignsInAndAnotherDoesNot() {
    ArmHttp userGraph = new ArmHttp(azure, TestLocalAzure.graphUserToken(azure));
    JsonNode app = userGraph.post("graph/v1.0/applications", "{\"displayName\":\"sdk-certificate\"}").body();
    String path = "graph/v1.0/applications/" + app.at("/id").asText();
    String appId = app.at("/appId").asText();
    TestCertificate registered = TestCertificate.create("sdk-registered");
    assertThat(userGraph.patch(path, "{\"keyCredentials\":[" + registered.keyCredentialJson("sdk") + "]}").status())
        .isEqualTo(204);

    String token = certificateCredential(appId, registered).getTokenSync(graphScope).getToken();
    ArmHttp asApp = new ArmHttp(azure, token);
    ArmHttp.Reply read = asApp.get(path);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().at("/appId").asText()).isEqualTo(appId);

    TestCertificate other = TestCertificate.create("sdk-other");
    assertRefused(certificateCredential(appId, other), graphScope, "AADSTS700027");
  }

  @Test
  void clientSecretWorksForTheConfiguredAppOnly() {
    var app = azure.properties().getApp();
    String token = new ClientSecretCredentialBuilder().authorityHost(azure.authorityHost()).tenantId(tenant)
        .clientId(app.getClientId()).clientSecret(app.getClientSecret()).disableInstanceDiscovery().httpClient(http)
        .build().getTokenSync(new TokenRequestContext().addScopes(azure.armEndpoint() + "/.default")).getToken();
    AccessToken verified = azure.bean(TokenIssuer.class).verify(token).orElseThrow();
    assertThat(verified.appId()).isEqualTo(app.getClientId());
    assertThat(TokenIssuer.sameAudience(verified.audience(), azure.armEndpoint())).isTrue();

    assertRefused(new ClientSecretCredentialBuilder().authorityHost(azure.authorityHost())
        .tenantId(tenant).clientId(app.getClientId()).clientSecret("not-the-secret").disableInstanceDiscovery()
        .httpClient(http).build(), graphScope, "AADSTS7000215");
  }

  @Test
  @SuppressWarnings("deprecation")
  void usernamePasswordGetsTheUserWhoseMeGraphReturns() {
    var user = azure.properties().getUser();
    TokenCredential credential = new UsernamePasswordCredentialBuilder().authorityHost(azure.authorityHost())
        .tenantId(tenant).clientId(azure.properties().getApp().getClientId())
        .username(user.getUserPrincipalName()).password(user.getPassword())
        .disableInstanceDiscovery().httpClient(http).build();
    ArmHttp.Reply me = new ArmHttp(azure, credential.getTokenSync(graphScope).getToken()).get("graph/v1.0/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().at("/userPrincipalName").asText()).isEqualTo(user.getUserPrincipalName());
    assertThat(me.body().at("/id").asText()).isEqualTo(user.getObjectId());

    // No second resource here: MSAL4J 1.26 keys its instance metadata by URL.getHost(), dropping the port, so a
    // silent refresh of the cached account goes to https://localhost/<tenant>/... (port 443) and azure-identity only
    // recovers after three failed retries with a fresh password grant. TokenEndpointTest covers refresh_token raw.

    var app = azure.properties().getApp();
    String appToken = new ClientSecretCredentialBuilder().authorityHost(azure.authorityHost()).tenantId(tenant)
        .clientId(app.getClientId()).clientSecret(app.getClientSecret()).disableInstanceDiscovery().httpClient(http)
        .build().getTokenSync(graphScope).getToken();
    ArmHttp.Reply appMe = new ArmHttp(azure, appToken).get("graph/v1.0/me");
    assertThat(appMe.status()).isEqualTo(400);
    assertThat(appMe.body().at("/error/message").asText())
        .isEqualTo("/me request is only valid with delegated authentication flow.");
  }

  @Test
  @SuppressWarnings("deprecation")
  void aWrongPasswordIsRefused() {
    var user = azure.properties().getUser();
    assertRefused(new UsernamePasswordCredentialBuilder().authorityHost(azure.authorityHost())
        .tenantId(tenant).clientId(azure.properties().getApp().getClientId())
        .username(user.getUserPrincipalName()).password("wrong").disableInstanceDiscovery().httpClient(http).build(),
        graphScope, "AADSTS50126");
  }

  private TokenCredential deviceCodeCredential(Consumer<DeviceCodeInfo> user) {
    return new DeviceCodeCredentialBuilder().authorityHost(azure.authorityHost()).tenantId(tenant)
        .clientId(azure.properties().getApp().getClientId()).disableInstanceDiscovery().httpClient(http)
        .challengeConsumer(user).build();
  }

  @Test
  void deviceCodeSignsTheUserInOnceTheCodeIsApprovedWithTheUsersRoles() throws Exception {
    var user = azure.properties().getUser();
    TokenRequests requests = new TokenRequests(azure);
    java.util.List<String> shown = new java.util.ArrayList<>();
    // the "user" approves in the browser while the credential shows the code, before its first poll
    String token = deviceCodeCredential(info -> {
      shown.add(info.getMessage());
      assertThat(DeviceCodeGrantTest.approve(requests, azure, info.getUserCode(), user.getUserPrincipalName(),
          user.getPassword()).status()).isEqualTo(200);
    }).getTokenSync(new TokenRequestContext().addScopes("api://seedship/.default")).getToken();
    assertThat(shown).singleElement().asString().contains(azure.authorityHost() + "devicelogin");
    AccessToken verified = azure.bean(TokenIssuer.class).verify(token).orElseThrow();
    assertThat(verified.userPrincipalName()).isEqualTo(user.getUserPrincipalName());
    assertThat(com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles"))
        .containsExactlyElementsOf(azure.properties().getSeedshipApi().getUserRoles());

    assertRefused(deviceCodeCredential(info -> DeviceCodeGrantTest.decline(requests, azure, info.getUserCode())),
        new TokenRequestContext().addScopes("api://seedship/.default"), "AADSTS65004");
  }

  /**
   * azure-identity 1.19 wraps Entra's refusal differently per credential and per sync/async call
   * (RuntimeException, ClientAuthenticationException or the bare MsalServiceException); in every case MSAL's
   * MsalServiceException carrying the AADSTS answer is in the chain.
   */
  private static void assertRefused(TokenCredential credential, TokenRequestContext scope, String aadsts) {
    assertThat(msalError(catchThrowable(() -> credential.getTokenSync(scope)))).hasMessageContaining(aadsts);
    assertThat(msalError(catchThrowable(() -> credential.getToken(scope).block()))).hasMessageContaining(aadsts);
  }

  private static MsalServiceException msalError(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof MsalServiceException msal) {
        return msal;
      }
    }
    throw new AssertionError("no MsalServiceException in the chain", thrown);
  }
}
