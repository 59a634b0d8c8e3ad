package io.seedship.localazure.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.auth.ServiceAreas;
import io.seedship.localazure.auth.TokenIssuer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Entra's v2.0 token endpoint for the grants Seedship and its tests use: client credentials (secret or
 * certificate assertion), resource-owner password, the device code grant ({@link DeviceAuthorization}), and refresh
 * tokens from a user sign-in. Tokens are for local-azure's ARM or Graph, or for the Seedship API
 * ({@code local-azure.seedship-api.app-id-uri}); only the latter carry app roles (the client's, or the user's for a
 * delegated token). Nothing here logs a credential, a device code or a token.
 */
@RestController
public class TokenEndpoint {

  static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
  private static final Set<String> ANY_TENANT = Set.of("common", "organizations");
  private static final int EXPIRES_IN = 3599;

  private final TokenIssuer issuer;
  private final Clients clients;
  private final ClientAssertions assertions;
  private final UserTokens userTokens;
  private final DeviceCodes deviceCodes;
  private final LocalAzureProperties properties;

  public TokenEndpoint(TokenIssuer issuer, Clients clients, ClientAssertions assertions, UserTokens userTokens,
      DeviceCodes deviceCodes, LocalAzureProperties properties) {
    this.issuer = issuer;
    this.clients = clients;
    this.assertions = assertions;
    this.userTokens = userTokens;
    this.deviceCodes = deviceCodes;
    this.properties = properties;
  }

  @PostMapping("/{tenant}/oauth2/v2.0/token")
  public ResponseEntity<String> token(@PathVariable String tenant, HttpServletRequest request) {
    boolean anyTenant = checkTenant(tenant, properties);
    String grant = required(request, "grant_type");
    return switch (grant) {
      case "client_credentials" -> {
        if (anyTenant) {
          throw OAuthException.invalidRequest(50059, "No tenant-identifying information found in either the "
              + "request or implied by any provided credentials.");
        }
        yield clientCredentials(request);
      }
      case "password" -> password(request);
      case "refresh_token" -> refresh(request);
      // MSAL4J sends the short name, which Entra takes as well as RFC 8628's
      case DEVICE_CODE, "device_code" -> deviceCode(request);
      default -> throw new OAuthException(400, "unsupported_grant_type", 70003,
          "The app requested an unsupported grant type '" + grant + "'.");
    };
  }

  private ResponseEntity<String> clientCredentials(HttpServletRequest request) {
    String audience = clientCredentialsAudience(request);
    Clients.Client client = clients.find(request.getParameter("client_id"));
    String assertion = request.getParameter("client_assertion");
    String secret = request.getParameter("client_secret");
    if (assertion != null) {
      if (!JWT_BEARER.equals(request.getParameter("client_assertion_type"))) {
        throw OAuthException.invalidRequest(7000216, "'client_assertion_type' must be '" + JWT_BEARER
            + "' when 'client_assertion' is sent.");
      }
      assertions.verify(assertion, client.appId(), client.certificates(), request.getRequestURL().toString());
    } else if (secret != null) {
      Clients.checkSecret(client, secret);
    } else {
      throw OAuthException.invalidClient(7000216,
          "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
    }
    List<String> roles = isSeedshipApi(audience) ? client.seedshipApiRoles() : List.of();
    ObjectNode body = success(issuer.issueForApp(client.appId(), client.servicePrincipalId(), audience, roles));
    return respond(body);
  }

  /** Client credentials take exactly one {@code <resource>/.default} scope (AADSTS1002012 otherwise). */
  private String clientCredentialsAudience(HttpServletRequest request) {
    List<String> scopes = Scopes.resourceScopes(required(request, "scope"));
    if (scopes.isEmpty()) {
      throw OAuthException.missing("scope");
    }
    for (String scope : scopes) {
      if (!scope.toLowerCase(Locale.ROOT).endsWith(Scopes.DEFAULT)) {
        throw new OAuthException(400, "invalid_scope", 1002012, "The provided value for scope " + scope
            + " is not valid. Client credential flows must have a scope value with /.default suffixed to the "
            + "resource identifier (application ID URI).");
      }
    }
    if (scopes.size() > 1) {
      throw new OAuthException(400, "invalid_scope", 28000, "Provided value for the input parameter scope is not "
          + "valid because it contains more than one resource. Scope " + String.join(" ", scopes) + " is not valid.");
    }
    return knownResource(request, Scopes.resourceOf(scopes.getFirst()));
  }

  private ResponseEntity<String> password(HttpServletRequest request) {
    String username = required(request, "username");
    String password = required(request, "password");
    Clients.Client client = clients.find(request.getParameter("client_id"));
    String secret = request.getParameter("client_secret");
    if (secret != null) {
      Clients.checkSecret(client, secret);
    }
    LocalUser.check(properties, username, password);
    return userToken(request, client);
  }

  private ResponseEntity<String> refresh(HttpServletRequest request) {
    String refreshToken = required(request, "refresh_token");
    Clients.Client client = clients.find(request.getParameter("client_id"));
    if (userTokens.redeem(refreshToken, client.appId()).isEmpty()) {
      throw new OAuthException(400, "invalid_grant", 70000,
          "The provided value for the 'refresh_token' is not valid or was issued to another client.");
    }
    return userToken(request, client);
  }

  /**
   * RFC 8628's poll: once the user approved the code at the verification page, the user's token for the scope the
   * code was asked for (as Entra, whatever scope the poll names); until then Entra's refusals, see {@link DeviceCodes}.
   */
  private ResponseEntity<String> deviceCode(HttpServletRequest request) {
    String deviceCode = required(request, "device_code");
    Clients.Client client = clients.find(request.getParameter("client_id"));
    String secret = request.getParameter("client_secret");
    if (secret != null) {
      Clients.checkSecret(client, secret);
    }
    return userToken(request, client, deviceCodes.redeem(deviceCode, client.appId()));
  }

  private ResponseEntity<String> userToken(HttpServletRequest request, Clients.Client client) {
    return userToken(request, client, request.getParameter("scope"));
  }

  /** A delegated token plus what MSAL needs to cache the account and refresh silently. */
  private ResponseEntity<String> userToken(HttpServletRequest request, Clients.Client client, String scope) {
    List<String> scopes = Scopes.resourceScopes(scope);
    String resource = userResource(request, scopes, properties);
    LocalAzureProperties.User user = properties.getUser();
    List<String> roles = isSeedshipApi(resource) ? properties.getSeedshipApi().getUserRoles() : List.of();
    ObjectNode body = success(issuer.issueForUser(client.appId(), user.getObjectId(), user.getUserPrincipalName(),
        resource, roles));
    body.put("scope", scopes.isEmpty() ? resource + Scopes.DEFAULT.substring(1) : String.join(" ", scopes));
    body.put("refresh_token", userTokens.newRefreshToken(client.appId()));
    body.put("id_token", userTokens.idToken(client.appId(), base(request) + "/" + properties.getTenantId() + "/v2.0"));
    body.put("client_info", userTokens.clientInfo());
    return respond(body);
  }

  /** The resource a user's token is for; Entra gives Microsoft Graph when only OpenID scopes are asked for. */
  static String userResource(HttpServletRequest request, List<String> scopes, LocalAzureProperties properties) {
    return scopes.isEmpty() ? base(request) + ServiceAreas.GRAPH_PREFIX
        : knownResource(request, Scopes.resourceOf(scopes.getFirst()), properties);
  }

  private String knownResource(HttpServletRequest request, String resource) {
    return knownResource(request, resource, properties);
  }

  /**
   * local-azure serves ARM and Graph, and knows the Seedship API (whose tokens name its application ID URI as
   * configured, whatever case the scope used); any other resource is unknown in the tenant (AADSTS500011).
   */
  private static String knownResource(HttpServletRequest request, String resource, LocalAzureProperties properties) {
    String base = base(request);
    if (TokenIssuer.sameAudience(resource, base + "/") || TokenIssuer.sameAudience(resource, base + "/graph/")) {
      return resource;
    }
    if (isSeedshipApi(resource, properties)) {
      return properties.getSeedshipApi().getAppIdUri();
    }
    throw new OAuthException(400, "invalid_resource", 500011, "The resource principal named " + resource
        + " was not found in the tenant named " + properties.getTenantId() + ". This can happen if the application "
        + "has not been installed by the administrator of the tenant or consented to by any user in the tenant.");
  }

  private boolean isSeedshipApi(String resource) {
    return isSeedshipApi(resource, properties);
  }

  private static boolean isSeedshipApi(String resource, LocalAzureProperties properties) {
    return TokenIssuer.sameAudience(resource, properties.getSeedshipApi().getAppIdUri());
  }

  private static ObjectNode success(String accessToken) {
    ObjectNode body = Json.object();
    body.put("token_type", "Bearer");
    body.put("expires_in", EXPIRES_IN);
    body.put("ext_expires_in", EXPIRES_IN);
    body.put("access_token", accessToken);
    return body;
  }

  private static ResponseEntity<String> respond(ObjectNode body) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
        .contentType(Json.JSON).body(Json.write(body));
  }

  static String required(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    if (value == null || value.isBlank()) {
      throw OAuthException.missing(name);
    }
    return value;
  }

  /**
   * The local tenant, or an alias for any tenant (common, organizations: true); any other is Entra's 400
   * AADSTS90002.
   */
  static boolean checkTenant(String tenant, LocalAzureProperties properties) {
    boolean anyTenant = ANY_TENANT.contains(tenant.toLowerCase(Locale.ROOT));
    if (!anyTenant && !tenant.equalsIgnoreCase(properties.getTenantId())) {
      throw new OAuthException(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make "
          + "sure you have the correct tenant ID and are signing into the correct cloud. Check with your "
          + "subscription administrator, this may happen if there are no active subscriptions for the tenant.");
    }
    return anyTenant;
  }

  /** scheme://host:port as the client reached local-azure. */
  static String base(HttpServletRequest request) {
    return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
  }
}
