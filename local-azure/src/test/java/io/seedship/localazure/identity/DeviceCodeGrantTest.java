package io.seedship.localazure.identity;

import static io.seedship.localazure.identity.TokenEndpointTest.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.auth.AccessToken;
import io.seedship.localazure.auth.TokenIssuer;
import io.seedship.localazure.test.TestLocalAzure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device authorization grant (RFC 8628) as Entra answers it, over HTTP: codes, the user's answer, the polls. */
class DeviceCodeGrantTest {

  private static final LocalAzure azure = TestLocalAzure.shared();
  private static final TokenRequests tokens = new TokenRequests(azure);
  private static final String API_SCOPE = "api://seedship/.default openid profile offline_access";

  private static String clientId() {
    return azure.properties().getApp().getClientId();
  }

  private static LocalAzureProperties.User user() {
    return azure.properties().getUser();
  }

  static TokenRequests.Reply requestCodes(TokenRequests tokens, String tenant, String clientId, String scope) {
    Map<String, String> form = new HashMap<>();
    if (clientId != null) {
      form.put("client_id", clientId);
    }
    if (scope != null) {
      form.put("scope", scope);
    }
    return tokens.postForm(tokens.endpoint(tenant).replace("/token", "/devicecode"), form);
  }

  private static JsonNode codes() {
    TokenRequests.Reply reply = requestCodes(tokens, tokens.tenant(), clientId(), API_SCOPE);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return reply.body();
  }

  static TokenRequests.Reply poll(TokenRequests tokens, String clientId, String deviceCode) {
    return tokens.post(tokens.tenant(), Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
        "client_id", clientId, "device_code", deviceCode, "scope", "api://seedship/.default openid profile"));
  }

  private static TokenRequests.Reply poll(String deviceCode) {
    return poll(tokens, clientId(), deviceCode);
  }

  static TokenRequests.Reply approve(TokenRequests tokens, LocalAzure azure, String userCode, String username,
      String password) {
    return tokens.postForm(azure.authorityHost() + "devicelogin", Map.of("user_code", userCode,
        "username", username, "password", password));
  }

  private static TokenRequests.Reply approve(String userCode, String password) {
    return approve(tokens, azure, userCode, user().getUserPrincipalName(), password);
  }

  static TokenRequests.Reply decline(TokenRequests tokens, LocalAzure azure, String userCode) {
    return tokens.postForm(azure.authorityHost() + "devicelogin", Map.of("user_code", userCode,
        "action", "decline"));
  }

  @Test
  void theDeviceCodeEndpointAnswersEntrasFieldsWithShortUnambiguousUserCodes() {
    JsonNode first = codes();
    String verificationUri = azure.authorityHost() + "devicelogin";
    assertThat(first.at("/user_code").asText()).matches("[BCDFGHJKLMNPQRSTVWXZ]{8}");
    assertThat(first.at("/device_code").asText()).hasSizeGreaterThan(40);
    assertThat(first.at("/verification_uri").asText()).isEqualTo(verificationUri);
    assertThat(first.at("/expires_in").asInt()).isEqualTo(900);
    assertThat(first.at("/interval").asInt()).isEqualTo(5);
    assertThat(first.at("/message").asText()).isEqualTo("To sign in, use a web browser to open the page "
        + verificationUri + " and enter the code " + first.at("/user_code").asText() + " to authenticate.");
    assertThat(first.at("/message").asText()).doesNotContain(first.at("/device_code").asText());

    JsonNode second = codes();
    assertThat(second.at("/user_code").asText()).isNotEqualTo(first.at("/user_code").asText());
    assertThat(second.at("/device_code").asText()).isNotEqualTo(first.at("/device_code").asText());
  }

  @Test
  void theDeviceCodeEndpointRefusesAnUnknownClientTenantOrResourceAndAMissingScope() {
    TokenRequests.Reply unknownClient = requestCodes(tokens, tokens.tenant(), "0000dead-0000-4000-8000-000000000000",
        API_SCOPE);
    assertOAuthError(unknownClient, 400, "unauthorized_client", 700016);
    assertOAuthError(requestCodes(tokens, tokens.tenant(), null, API_SCOPE), 400, "invalid_request", 900144);
    assertOAuthError(requestCodes(tokens, tokens.tenant(), clientId(), null), 400, "invalid_request", 900144);
    assertOAuthError(requestCodes(tokens, tokens.tenant(), clientId(), "https://vault.azure.net/.default"),
        400, "invalid_resource", 500011);
    assertOAuthError(requestCodes(tokens, "0000beef-0000-4000-8000-000000000000", clientId(), API_SCOPE),
        400, "invalid_request", 90002);
    assertThat(requestCodes(tokens, "organizations", clientId(), API_SCOPE).status()).isEqualTo(200);
  }

  @Test
  void pendingUntilTheUserApprovesThenTheUsersTokenWithItsRolesOnceOnly() throws Exception {
    JsonNode codes = codes();
    String deviceCode = codes.at("/device_code").asText();
    String userCode = codes.at("/user_code").asText();
    assertOAuthError(poll(deviceCode), 400, "authorization_pending", 70016);

    TokenRequests.Reply wrongPassword = approve(userCode, "not-the-password");
    assertOAuthError(wrongPassword, 400, "invalid_grant", 50126);
    assertThat(wrongPassword.body().toString()).doesNotContain("not-the-password");
    assertOAuthError(approve(tokens, azure, userCode, "someone@example.com", user().getPassword()),
        400, "invalid_grant", 50034);
    assertOAuthError(poll(deviceCode), 400, "authorization_pending", 70016);

    // typed as people type it: lower case, with a dash
    String typed = userCode.substring(0, 4).toLowerCase() + "-" + userCode.substring(4).toLowerCase();
    TokenRequests.Reply approved = approve(typed, user().getPassword());
    assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
    assertThat(approved.body().at("/status").asText()).isEqualTo("approved");
    assertThat(approved.body().toString()).doesNotContain(deviceCode);

    TokenRequests.Reply token = poll(deviceCode);
    assertThat(token.status()).as(token.body().toString()).isEqualTo(200);
    assertThat(token.body().at("/token_type").asText()).isEqualTo("Bearer");
    assertThat(token.body().at("/refresh_token").asText()).isNotBlank();
    assertThat(token.body().at("/id_token").asText()).isNotBlank();
    String accessToken = token.body().at("/access_token").asText();
    AccessToken verified = azure.bean(TokenIssuer.class).verify(accessToken).orElseThrow();
    assertThat(verified.user()).isTrue();
    assertThat(verified.userPrincipalName()).isEqualTo(user().getUserPrincipalName());
    assertThat(verified.appId()).isEqualTo(clientId());
    assertThat(verified.audience()).isEqualTo("api://seedship");
    JWTClaimsSet claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
    assertThat(claims.getStringListClaim("roles")).containsExactlyElementsOf(
        azure.properties().getSeedshipApi().getUserRoles());

    assertOAuthError(poll(deviceCode), 400, "bad_verification_code", 70018);
    assertOAuthError(approve(userCode, user().getPassword()), 400, "bad_verification_code", 70018);
  }

  @Test
  void aDeclinedCodeIsRefusedToItsClientThenForgotten() {
    JsonNode codes = codes();
    String deviceCode = codes.at("/device_code").asText();
    TokenRequests.Reply declined = decline(tokens, azure, codes.at("/user_code").asText());
    assertThat(declined.status()).as(declined.body().toString()).isEqualTo(200);
    assertThat(declined.body().at("/status").asText()).isEqualTo("declined");
    assertOAuthError(poll(deviceCode), 400, "authorization_declined", 65004);
    assertOAuthError(poll(deviceCode), 400, "bad_verification_code", 70018);
    assertOAuthError(approve(codes.at("/user_code").asText(), user().getPassword()),
        400, "bad_verification_code", 70018);
  }

  @Test
  void aWrongUserCodeOrDeviceCodeOrAnotherClientsCodeIsNotRecognized() {
    JsonNode codes = codes();
    String userCode = codes.at("/user_code").asText();
    String wrong = (userCode.charAt(0) == 'B' ? "C" : "B") + userCode.substring(1);
    assertOAuthError(approve(wrong, user().getPassword()), 400, "bad_verification_code", 70018);
    assertOAuthError(decline(tokens, azure, wrong), 400, "bad_verification_code", 70018);
    assertOAuthError(poll(codes.at("/device_code").asText() + "x"), 400, "bad_verification_code", 70018);

    String otherClient = azure.properties().getSeedshipApi().getClients().getFirst().getClientId();
    assertOAuthError(poll(tokens, otherClient, codes.at("/device_code").asText()), 400, "bad_verification_code",
        70018);
    // neither mistake spent the code
    assertOAuthError(poll(codes.at("/device_code").asText()), 400, "authorization_pending", 70016);
    assertThat(approve(userCode, user().getPassword()).status()).isEqualTo(200);
    assertThat(poll(codes.at("/device_code").asText()).status()).isEqualTo(200);
  }

  @Test
  void aCodeExpiresAfterItsLifetime() throws Exception {
    try (LocalAzure shortLived = TestLocalAzure.start("--local-azure.azurite.mode=none",
        "--local-azure.device-code.lifetime=PT1S", "--local-azure.device-code.interval=PT1S")) {
      TokenRequests requests = new TokenRequests(shortLived);
      String client = shortLived.properties().getApp().getClientId();
      TokenRequests.Reply reply = requestCodes(requests, requests.tenant(), client, API_SCOPE);
      assertThat(reply.body().at("/expires_in").asInt()).isEqualTo(1);
      assertThat(reply.body().at("/interval").asInt()).isEqualTo(1);
      Thread.sleep(1_200);
      assertOAuthError(poll(requests, client, reply.body().at("/device_code").asText()), 400, "expired_token", 70019);
      assertOAuthError(approve(requests, shortLived, reply.body().at("/user_code").asText(),
          shortLived.properties().getUser().getUserPrincipalName(), shortLived.properties().getUser().getPassword()),
          400, "expired_token", 70019);
    }
  }

  @Test
  void theVerificationPageIsAStaticFormAndDiscoveryNamesTheGrant() throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(azure.certificates().sslContext()).build();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(azure.authorityHost() + "devicelogin"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("name=\"user_code\"").contains("value=\"decline\"");

    JsonNode discovery = tokens.get(tokens.tenant() + "/v2.0/.well-known/openid-configuration").body();
    assertThat(discovery.at("/device_authorization_endpoint").asText())
        .isEqualTo(azure.authorityHost() + tokens.tenant() + "/oauth2/v2.0/devicecode");
    assertThat(discovery.at("/grant_types_supported").toString())
        .contains("\"urn:ietf:params:oauth:grant-type:device_code\"");
  }
}
