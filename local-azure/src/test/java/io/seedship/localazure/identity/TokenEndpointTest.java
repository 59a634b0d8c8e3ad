package io.seedship.localazure.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.auth.AccessToken;
import io.seedship.localazure.auth.TokenIssuer;
import io.seedship.localazure.graph.TestCertificate;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

  private static final LocalAzure azure = TestLocalAzure.shared();
  private static final TokenRequests tokens = new TokenRequests(azure);
  private static final TestCertificate registered = TestCertificate.create("registered");
  private static String appId;
  private final String graphScope = azure.graphEndpoint() + ".default";

  @BeforeAll
  static void registerApplication() {
    ArmHttp graph = new ArmHttp(azure, TestLocalAzure.graphUserToken(azure));
    ArmHttp.Reply created = graph.post("graph/v1.0/applications", "{\"displayName\":\"raw-assertions\","
        + "\"keyCredentials\":[" + registered.keyCredentialJson("registered") + "]}");
    assertThat(created.status()).isEqualTo(201);
    appId = created.body().at("/appId").asText();
  }

  private String assertion(String audience) {
    return TokenRequests.assertion(registered, appId, audience, JWSAlgorithm.RS256, h -> { }, c -> { });
  }

  @Test
  void issuesAnAppTokenForAValidAssertion() {
    TokenRequests.Reply reply = tokens.post(tokens.tenant(),
        tokens.assertionForm(appId, assertion(tokens.endpoint(tokens.tenant())), graphScope));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    assertThat(reply.body().at("/token_type").asText()).isEqualTo("Bearer");
    assertThat(reply.body().at("/expires_in").asInt()).isEqualTo(3599);
    assertThat(reply.body().at("/ext_expires_in").asInt()).isEqualTo(3599);
    AccessToken token = azure.bean(TokenIssuer.class).verify(reply.body().at("/access_token").asText()).orElseThrow();
    assertThat(token.appId()).isEqualTo(appId);
    assertThat(token.user()).isFalse();
    assertThat(TokenIssuer.sameAudience(token.audience(), azure.graphEndpoint())).isTrue();
  }

  @Test
  void acceptsPs256AndASha1ThumbprintAndATrailingSlashOnTheAudience() {
    String assertion = TokenRequests.assertion(registered, appId, tokens.endpoint(tokens.tenant()) + "/",
        JWSAlgorithm.PS256, h -> h.x509CertSHA256Thumbprint(null)
            .x509CertThumbprint(Base64URL.encode(registered.thumbprint("SHA-1"))), c -> { });
    TokenRequests.Reply reply = tokens.post(tokens.tenant(), tokens.assertionForm(appId, assertion, graphScope));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
  }

  @Test
  void refusesAnExpiredAssertion() {
    Instant past = Instant.now().minusSeconds(3600);
    String assertion = TokenRequests.assertion(registered, appId, tokens.endpoint(tokens.tenant()),
        JWSAlgorithm.RS256, h -> { }, c -> c.notBeforeTime(Date.from(past))
            .expirationTime(Date.from(past.plusSeconds(600))));
    TokenRequests.Reply reply = tokens.post(tokens.tenant(), tokens.assertionForm(appId, assertion, graphScope));
    assertOAuthError(reply, 401, "invalid_client", 700024);
  }

  @Test
  void refusesAnAssertionForAnotherAudience() {
    TokenRequests.Reply reply = tokens.post(tokens.tenant(), tokens.assertionForm(appId,
        assertion("https://login.microsoftonline.com/" + tokens.tenant() + "/oauth2/v2.0/token"), graphScope));
    assertOAuthError(reply, 401, "invalid_client", 50012);
  }

  @Test
  void refusesACertificateNotRegisteredOnTheApplication() {
    TestCertificate stranger = TestCertificate.create("stranger");
    String assertion = TokenRequests.assertion(stranger, appId, tokens.endpoint(tokens.tenant()),
        JWSAlgorithm.RS256, h -> { }, c -> { });
    TokenRequests.Reply reply = tokens.post(tokens.tenant(), tokens.assertionForm(appId, assertion, graphScope));
    assertOAuthError(reply, 401, "invalid_client", 700027);
    assertThat(reply.body().at("/error_description").asText()).contains("The key was not found");
  }

  @Test
  void refusesASignatureByAnotherKeyUnderTheRegisteredThumbprint() {
    TestCertificate stranger = TestCertificate.create("forger");
    String assertion = TokenRequests.assertion(stranger, appId, tokens.endpoint(tokens.tenant()),
        JWSAlgorithm.RS256, h -> h.x509CertSHA256Thumbprint(Base64URL.encode(registered.thumbprint("SHA-256"))),
        c -> { });
    TokenRequests.Reply reply = tokens.post(tokens.tenant(), tokens.assertionForm(appId, assertion, graphScope));
    assertOAuthError(reply, 401, "invalid_client", 700027);
    assertThat(reply.body().at("/error_description").asText()).contains("signature value did not match");
  }

  @Test
  void refusesAnAssertionForAnotherClientOrWithoutJti() {
    String otherIssuer = TokenRequests.assertion(registered, appId, tokens.endpoint(tokens.tenant()),
        JWSAlgorithm.RS256, h -> { }, c -> c.issuer(UUID.randomUUID().toString()));
    assertOAuthError(tokens.post(tokens.tenant(), tokens.assertionForm(appId, otherIssuer, graphScope)),
        401, "invalid_client", 700021);
    String noJti = TokenRequests.assertion(registered, appId, tokens.endpoint(tokens.tenant()),
        JWSAlgorithm.RS256, h -> { }, c -> c.jwtID(null));
    assertOAuthError(tokens.post(tokens.tenant(), tokens.assertionForm(appId, noJti, graphScope)),
        401, "invalid_client", 50027);
  }

  @Test
  void refusesAnUnknownClient() {
    String unknown = UUID.randomUUID().toString();
    TokenRequests.Reply reply = tokens.post(tokens.tenant(), Map.of("grant_type", "client_credentials",
        "client_id", unknown, "client_secret", "whatever", "scope", graphScope));
    assertOAuthError(reply, 400, "unauthorized_client", 700016);
    assertThat(reply.body().at("/error_description").asText()).contains(unknown);
  }

  @Test
  void refusesAClientCredentialsScopeWithoutDefault() {
    Map<String, String> form = new HashMap<>(tokens.assertionForm(appId, assertion(tokens.endpoint(tokens.tenant())),
        azure.graphEndpoint() + "Application.ReadWrite.All"));
    assertOAuthError(tokens.post(tokens.tenant(), form), 400, "invalid_scope", 1002012);
  }

  @Test
  void refusesAnUnknownTenantAndClientCredentialsOnCommon() {
    String other = UUID.randomUUID().toString();
    TokenRequests.Reply reply = tokens.post(other, tokens.assertionForm(appId, assertion(tokens.endpoint(other)),
        graphScope));
    assertOAuthError(reply, 400, "invalid_request", 90002);
    assertThat(reply.body().at("/error_description").asText()).contains(other);
    assertOAuthError(tokens.post("common", tokens.assertionForm(appId, assertion(tokens.endpoint("common")),
        graphScope)), 400, "invalid_request", 50059);
  }

  @Test
  void refusesAnUnknownResource() {
    TokenRequests.Reply reply = tokens.post(tokens.tenant(), tokens.assertionForm(appId,
        assertion(tokens.endpoint(tokens.tenant())), "https://vault.azure.net/.default"));
    assertOAuthError(reply, 400, "invalid_resource", 500011);
  }

  @Test
  void passwordGrantChecksTheUserAndReturnsWhatMsalCaches() {
    var user = azure.properties().getUser();
    String clientId = azure.properties().getApp().getClientId();
    Map<String, String> form = new HashMap<>(Map.of("grant_type", "password", "client_id", clientId,
        "username", user.getUserPrincipalName(), "password", "wrong", "scope", graphScope + " openid profile"));
    assertOAuthError(tokens.post("organizations", form), 400, "invalid_grant", 50126);

    form.put("password", user.getPassword());
    TokenRequests.Reply reply = tokens.post("organizations", form);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.body();
    assertThat(body.at("/id_token").asText()).isNotBlank();
    assertThat(body.at("/refresh_token").asText()).isNotBlank();
    assertThat(new String(java.util.Base64.getUrlDecoder().decode(body.at("/client_info").asText())))
        .contains(user.getObjectId()).contains(tokens.tenant());
    AccessToken token = azure.bean(TokenIssuer.class).verify(body.at("/access_token").asText()).orElseThrow();
    assertThat(token.user()).isTrue();
    assertThat(token.userPrincipalName()).isEqualTo(user.getUserPrincipalName());

    TokenRequests.Reply refreshed = tokens.post(tokens.tenant(), Map.of("grant_type", "refresh_token",
        "client_id", clientId, "refresh_token", body.at("/refresh_token").asText(),
        "scope", azure.armEndpoint() + "/.default"));
    assertThat(refreshed.status()).isEqualTo(200);
    AccessToken arm = azure.bean(TokenIssuer.class).verify(refreshed.body().at("/access_token").asText())
        .orElseThrow();
    assertThat(TokenIssuer.sameAudience(arm.audience(), azure.armEndpoint())).isTrue();
    assertThat(arm.user()).isTrue();
  }

  @Test
  void userRealmSaysTheConfiguredDomainIsManaged() {
    String upn = azure.properties().getUser().getUserPrincipalName();
    TokenRequests.Reply realm = tokens.get("common/userrealm/" + upn + "?api-version=1.0");
    assertThat(realm.status()).isEqualTo(200);
    assertThat(realm.body().at("/account_type").asText()).isEqualTo("Managed");
    assertThat(tokens.get("common/userrealm/someone@example.com?api-version=1.0").body().at("/account_type")
        .asText()).isEqualTo("Unknown");
  }

  static void assertOAuthError(TokenRequests.Reply reply, int status, String error, int code) {
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
    assertThat(reply.error()).isEqualTo(error);
    assertThat(reply.code()).isEqualTo(code);
    assertThat(reply.body().at("/error_description").asText()).startsWith("AADSTS" + code + ": ");
    assertThat(reply.body().at("/timestamp").asText()).isNotBlank();
    assertThat(reply.body().at("/trace_id").asText()).isNotBlank();
    assertThat(reply.body().at("/correlation_id").asText()).isNotBlank();
  }
}
