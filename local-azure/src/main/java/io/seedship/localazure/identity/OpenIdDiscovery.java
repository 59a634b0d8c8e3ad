package io.seedship.localazure.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.auth.TokenIssuer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Entra's OpenID discovery for the local tenant, open as Entra's: the metadata a resource server reads
 * ({@code issuer} exactly as the tokens' {@code iss}, {@code jwks_uri}) and the public signing keys, so a service
 * outside local-azure (Seedship's own APIs in local mode) verifies local-azure's tokens as it would Entra's.
 */
@RestController
public class OpenIdDiscovery {

  private final TokenIssuer issuer;
  private final LocalAzureProperties properties;

  public OpenIdDiscovery(TokenIssuer issuer, LocalAzureProperties properties) {
    this.issuer = issuer;
    this.properties = properties;
  }

  @GetMapping("/{tenant}/v2.0/.well-known/openid-configuration")
  public ResponseEntity<String> configuration(@PathVariable String tenant, HttpServletRequest request) {
    checkTenant(tenant);
    String authority = TokenEndpoint.base(request) + "/" + properties.getTenantId();
    ObjectNode body = Json.object();
    body.put("issuer", issuer.issuer());
    body.put("token_endpoint", authority + "/oauth2/v2.0/token");
    body.put("device_authorization_endpoint", authority + "/oauth2/v2.0/devicecode");
    body.put("jwks_uri", authority + "/discovery/v2.0/keys");
    body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt")
        .add("client_secret_basic");
    body.putArray("response_types_supported").add("code").add("id_token").add("code id_token")
        .add("id_token token");
    body.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
    body.putArray("subject_types_supported").add("pairwise");
    body.putArray("id_token_signing_alg_values_supported").add("RS256");
    body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
    body.putArray("grant_types_supported").add("client_credentials").add("password").add("refresh_token")
        .add(TokenEndpoint.DEVICE_CODE);
    body.put("cloud_instance_name", "microsoftonline.com");
    return Json.ok(body);
  }

  @GetMapping("/{tenant}/discovery/v2.0/keys")
  public ResponseEntity<String> keys(@PathVariable String tenant) {
    checkTenant(tenant);
    return ResponseEntity.ok().contentType(Json.JSON).body(issuer.jwks());
  }

  /** Only the local tenant has metadata: anything else is Entra's 400 AADSTS90002. */
  private void checkTenant(String tenant) {
    if (!tenant.equalsIgnoreCase(properties.getTenantId())) {
      throw new OAuthException(400, "invalid_tenant", 90002, "Tenant '" + tenant + "' not found. Check to make "
          + "sure you have the correct tenant ID and are signing into the correct cloud. Check with your "
          + "subscription administrator, this may happen if there are no active subscriptions for the tenant.");
    }
  }
}
