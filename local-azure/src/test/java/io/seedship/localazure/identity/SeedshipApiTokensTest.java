package io.seedship.localazure.identity;

import static io.seedship.localazure.identity.TokenEndpointTest.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.auth.TokenIssuer;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tokens for the Seedship API with app roles, and the OpenID discovery a resource server verifies them with. */
class SeedshipApiTokensTest {

  private static final LocalAzure azure = TestLocalAzure.shared();
  private static final TokenRequests tokens = new TokenRequests(azure);
  private static final String API = "api://seedship";

  private static LocalAzureProperties.SeedshipApi api() {
    return azure.properties().getSeedshipApi();
  }

  private static LocalAzureProperties.ApiClient client(String displayName) {
    return api().getClients().stream().filter(c -> c.getDisplayName().equals(displayName)).findFirst().orElseThrow();
  }

  private static TokenRequests.Reply clientCredentials(String clientId, String secret, String scope) {
    return tokens.post(tokens.tenant(), Map.of("grant_type", "client_credentials", "client_id", clientId,
        "client_secret", secret, "scope", scope));
  }

  private static JWTClaimsSet claims(TokenRequests.Reply reply) {
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    String token = reply.body().at("/access_token").asText();
    assertThat(azure.bean(TokenIssuer.class).verify(token)).isPresent();
    try {
      return SignedJWT.parse(token).getJWTClaimsSet();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void defaultsDefineTheApiItsRolesClientsAndUserRoles() {
    assertThat(api().getAppIdUri()).isEqualTo(API).isEqualTo(TestLocalAzure.seedshipApiAudience(azure));
    assertThat(api().getRoles())
        .containsExactly("Seedship.Reader", "Seedship.Operator", "Seedship.KeyCustodian", "Seedship.Sre");
    assertThat(api().getClients()).extracting(LocalAzureProperties.ApiClient::getDisplayName).containsExactly(
        "seedship-operator", "seedship-reader", "seedship-key-custodian", "seedship-sre", "seedship-no-role");
    assertThat(client("seedship-operator").getClientId()).isEqualTo("5eed5417-0000-4000-8000-0000000c0001");
    assertThat(client("seedship-no-role").getClientId()).isEqualTo("5eed5417-0000-4000-8000-0000000c0005");
    assertThat(api().getClients()).allSatisfy(c -> assertThat(c.getClientSecret()).startsWith("local-only-"));
    assertThat(api().getUserRoles()).containsExactly("Seedship.Operator", "Seedship.KeyCustodian");
  }

  @Test
  void eachConfiguredClientGetsItsRolesForTheApi() throws Exception {
    Map<String, List<String>> expected = Map.of(
        "seedship-operator", List.of("Seedship.Operator"),
        "seedship-reader", List.of("Seedship.Reader"),
        "seedship-key-custodian", List.of("Seedship.KeyCustodian"),
        "seedship-sre", List.of("Seedship.Sre"));
    for (Map.Entry<String, List<String>> entry : expected.entrySet()) {
      LocalAzureProperties.ApiClient client = client(entry.getKey());
      JWTClaimsSet claims = claims(clientCredentials(client.getClientId(), client.getClientSecret(),
          API + "/.default"));
      assertThat(claims.getAudience()).as(entry.getKey()).containsExactly(API);
      assertThat(claims.getStringListClaim("roles")).as(entry.getKey()).isEqualTo(entry.getValue());
      assertThat(claims.getStringClaim("appid")).isEqualTo(client.getClientId());
      assertThat(claims.getStringClaim("idtyp")).isEqualTo("app");
      assertThat(claims.getIssuer()).isEqualTo(azure.bean(TokenIssuer.class).issuer());
    }
  }

  @Test
  void theScopeMatchesTheAppIdUriWhateverItsCaseAndTheAudienceIsTheConfiguredOne() {
    LocalAzureProperties.ApiClient reader = client("seedship-reader");
    JWTClaimsSet claims = claims(clientCredentials(reader.getClientId(), reader.getClientSecret(),
        "API://Seedship/.default"));
    assertThat(claims.getAudience()).containsExactly(API);
  }

  @Test
  void aClientWithoutRoleAssignmentGetsATokenWithoutRolesClaim() {
    LocalAzureProperties.ApiClient noRole = client("seedship-no-role");
    JWTClaimsSet claims = claims(clientCredentials(noRole.getClientId(), noRole.getClientSecret(),
        API + "/.default"));
    assertThat(claims.getAudience()).containsExactly(API);
    assertThat(claims.getClaims()).doesNotContainKey("roles");
  }

  @Test
  void seedshipsOwnServicePrincipalHasNoRoleOnTheApi() {
    LocalAzureProperties.App app = azure.properties().getApp();
    JWTClaimsSet claims = claims(clientCredentials(app.getClientId(), app.getClientSecret(), API + "/.default"));
    assertThat(claims.getAudience()).containsExactly(API);
    assertThat(claims.getClaims()).doesNotContainKey("roles");
  }

  @Test
  void aWrongSecretIsRefused() {
    LocalAzureProperties.ApiClient operator = client("seedship-operator");
    assertOAuthError(clientCredentials(operator.getClientId(), "local-only-not-it", API + "/.default"),
        401, "invalid_client", 7000215);
    assertOAuthError(clientCredentials(operator.getClientId(), client("seedship-reader").getClientSecret(),
        API + "/.default"), 401, "invalid_client", 7000215);
  }

  @Test
  void armAndGraphTokensCarryNoRoles() {
    LocalAzureProperties.ApiClient operator = client("seedship-operator");
    JWTClaimsSet arm = claims(clientCredentials(operator.getClientId(), operator.getClientSecret(),
        azure.armEndpoint() + ".default"));
    assertThat(TokenIssuer.sameAudience(arm.getAudience().getFirst(), azure.armEndpoint())).isTrue();
    assertThat(arm.getClaims()).doesNotContainKey("roles");
    LocalAzureProperties.App app = azure.properties().getApp();
    JWTClaimsSet graph = claims(clientCredentials(app.getClientId(), app.getClientSecret(),
        azure.graphEndpoint() + ".default"));
    assertThat(graph.getClaims()).doesNotContainKey("roles");
  }

  @Test
  void theUsersDelegatedTokenForTheApiCarriesTheUserRolesAndSoDoesItsRefresh() throws Exception {
    LocalAzureProperties.User user = azure.properties().getUser();
    String clientId = azure.properties().getApp().getClientId();
    Map<String, String> form = new HashMap<>(Map.of("grant_type", "password", "client_id", clientId,
        "username", user.getUserPrincipalName(), "password", user.getPassword(),
        "scope", API + "/user_impersonation openid profile offline_access"));
    TokenRequests.Reply reply = tokens.post("organizations", form);
    JWTClaimsSet claims = claims(reply);
    assertThat(claims.getAudience()).containsExactly(API);
    assertThat(claims.getStringClaim("scp")).isEqualTo("user_impersonation");
    assertThat(claims.getStringClaim("idtyp")).isEqualTo("user");
    assertThat(claims.getStringClaim("upn")).isEqualTo(user.getUserPrincipalName());
    assertThat(claims.getStringListClaim("roles")).containsExactly("Seedship.Operator", "Seedship.KeyCustodian");

    JWTClaimsSet refreshed = claims(tokens.post(tokens.tenant(), Map.of("grant_type", "refresh_token",
        "client_id", clientId, "refresh_token", reply.body().at("/refresh_token").asText(),
        "scope", API + "/.default")));
    assertThat(refreshed.getAudience()).containsExactly(API);
    assertThat(refreshed.getStringListClaim("roles")).containsExactly("Seedship.Operator", "Seedship.KeyCustodian");

    form.put("scope", azure.armEndpoint() + ".default");
    JWTClaimsSet arm = claims(tokens.post("organizations", form));
    assertThat(arm.getClaims()).doesNotContainKey("roles");
    assertThat(arm.getStringClaim("scp")).isEqualTo("user_impersonation");
  }

  @Test
  void discoveryIsOpenNamesTheTokensIssuerAndItsKeysVerifyTheirSignature() throws Exception {
    LocalAzureProperties.ApiClient sre = client("seedship-sre");
    String token = clientCredentials(sre.getClientId(), sre.getClientSecret(), API + "/.default").body()
        .at("/access_token").asText();
    SignedJWT jwt = SignedJWT.parse(token);

    TokenRequests.Reply configuration = tokens.get(tokens.tenant() + "/v2.0/.well-known/openid-configuration");
    assertThat(configuration.status()).as(configuration.body().toString()).isEqualTo(200);
    JsonNode metadata = configuration.body();
    assertThat(metadata.at("/issuer").asText()).isEqualTo(jwt.getJWTClaimsSet().getIssuer());
    assertThat(metadata.at("/token_endpoint").asText()).isEqualTo(tokens.endpoint(tokens.tenant()));
    assertThat(metadata.at("/id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
    assertThat(metadata.at("/response_types_supported").isArray()).isTrue();
    assertThat(metadata.at("/subject_types_supported").isArray()).isTrue();
    String jwksUri = metadata.at("/jwks_uri").asText();
    assertThat(jwksUri).isEqualTo(azure.armEndpoint() + tokens.tenant() + "/discovery/v2.0/keys");

    HttpClient http = HttpClient.newBuilder().sslContext(azure.certificates().sslContext()).build();
    HttpResponse<String> keys = http.send(HttpRequest.newBuilder(URI.create(jwksUri)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(keys.statusCode()).isEqualTo(200);
    assertThat(keys.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    JWKSet set = JWKSet.parse(keys.body());
    JWK key = set.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key).isNotNull();
    assertThat(key.isPrivate()).isFalse();
    assertThat(key.getKeyType().getValue()).isEqualTo("RSA");
    assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
    assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(keys.body()).doesNotContain("\"d\"").doesNotContain("\"p\"");
    assertThat(jwt.verify(new RSASSAVerifier((RSAKey) key))).isTrue();
  }

  @Test
  void discoveryRefusesAnUnknownTenant() {
    String other = UUID.randomUUID().toString();
    TokenRequests.Reply configuration = tokens.get(other + "/v2.0/.well-known/openid-configuration");
    assertThat(configuration.status()).isEqualTo(400);
    assertThat(configuration.code()).isEqualTo(90002);
    assertThat(configuration.body().at("/error_description").asText()).startsWith("AADSTS90002: ").contains(other);
    TokenRequests.Reply keys = tokens.get(other + "/discovery/v2.0/keys");
    assertThat(keys.status()).isEqualTo(400);
    assertThat(keys.code()).isEqualTo(90002);
  }

  @Test
  void theTestHelperMintsApiTokensWithRolesLifetimeAndAudience() throws Exception {
    TokenIssuer issuer = azure.bean(TokenIssuer.class);
    String token = TestLocalAzure.seedshipToken(azure, "Seedship.Reader", "Seedship.Sre");
    assertThat(issuer.verify(token)).hasValueSatisfying(t -> assertThat(t.audience()).isEqualTo(API));
    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(claims.getStringListClaim("roles")).containsExactly("Seedship.Reader", "Seedship.Sre");
    assertThat(claims.getStringClaim("appid")).isEqualTo("5eed5417-0000-4000-8000-0000000c00ff");
    assertThat(SignedJWT.parse(TestLocalAzure.seedshipToken(azure)).getJWTClaimsSet().getClaims())
        .doesNotContainKey("roles");

    String expired = TestLocalAzure.seedshipToken(azure, Duration.ofMinutes(-1), API, "Seedship.Operator");
    assertThat(issuer.check(expired).expired()).isTrue();
    String other = TestLocalAzure.seedshipToken(azure, Duration.ofMinutes(5), "api://other", "Seedship.Operator");
    assertThat(issuer.verify(other)).hasValueSatisfying(t -> assertThat(t.audience()).isEqualTo("api://other"));
  }

  @Test
  void anApiTokenOpensNeitherArmNorGraph() {
    ArmHttp.Reply arm = new ArmHttp(azure, TestLocalAzure.seedshipToken(azure, "Seedship.Operator"))
        .get("subscriptions?api-version=2022-12-01");
    assertThat(arm.status()).isEqualTo(401);
  }

  @Test
  void aRoleTheApiDoesNotDefineFailsStartupNamingIt() {
    assertThatThrownBy(() -> TestLocalAzure.start("--local-azure.azurite.mode=none",
        "--local-azure.seedship-api.user-roles=Seedship.Operator,Seedship.Admin").close())
        .rootCause().hasMessageContaining("Seedship.Admin").hasMessageContaining("user-roles");
    assertThatThrownBy(() -> TestLocalAzure.start("--local-azure.azurite.mode=none",
        "--local-azure.seedship-api.clients[0].display-name=seedship-typo",
        "--local-azure.seedship-api.clients[0].client-id=5eed5417-0000-4000-8000-0000000c0009",
        "--local-azure.seedship-api.clients[0].client-secret=local-only-typo-secret",
        "--local-azure.seedship-api.clients[0].roles=Seedship.Reader,Seedship.Raeder").close())
        .rootCause().hasMessageContaining("seedship-typo").hasMessageContaining("Seedship.Raeder");
  }
}
