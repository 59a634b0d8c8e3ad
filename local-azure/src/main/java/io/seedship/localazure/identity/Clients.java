package io.seedship.localazure.identity;

import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.graph.Application;
import io.seedship.localazure.graph.GraphApplications;
import io.seedship.localazure.graph.KeyCredential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The applications that may ask for tokens: Seedship's own configured service principal (a secret, no
 * certificates), the Seedship API's local callers ({@code local-azure.seedship-api.clients}: a secret and app roles
 * on the API) and every application registered through Graph (certificates, no secrets).
 */
@Component
public class Clients {

  /**
   * A known client: what its tokens carry, the credentials it can prove itself with, and its app roles on the
   * Seedship API (empty for all but the configured API clients).
   */
  public record Client(String appId, String servicePrincipalId, String secret, List<KeyCredential> certificates,
      List<String> seedshipApiRoles) {

    public Client(String appId, String servicePrincipalId, String secret, List<KeyCredential> certificates) {
      this(appId, servicePrincipalId, secret, certificates, List.of());
    }
  }

  private final LocalAzureProperties.App configured;
  private final List<LocalAzureProperties.ApiClient> apiClients;
  private final GraphApplications applications;
  private final String tenantId;

  public Clients(LocalAzureProperties properties, GraphApplications applications) {
    this.configured = properties.getApp();
    properties.getSeedshipApi().check(configured.getClientId());
    this.apiClients = List.copyOf(properties.getSeedshipApi().getClients());
    this.applications = applications;
    this.tenantId = properties.getTenantId();
  }

  /** The client, or 400 unauthorized_client AADSTS700016 as Entra answers for an unknown application. */
  public Client find(String clientId) {
    if (clientId == null || clientId.isBlank()) {
      throw OAuthException.missing("client_id");
    }
    if (clientId.equalsIgnoreCase(configured.getClientId())) {
      // the test helpers mint tokens with the client id as the service principal id: stay consistent with them
      return new Client(configured.getClientId(), configured.getClientId(), configured.getClientSecret(), List.of());
    }
    for (LocalAzureProperties.ApiClient api : apiClients) {
      if (clientId.equalsIgnoreCase(api.getClientId())) {
        // as above, the client id doubles as the service principal (object) id
        return new Client(api.getClientId(), api.getClientId(), api.getClientSecret(), List.of(),
            List.copyOf(api.getRoles()));
      }
    }
    Optional<Application> app = applications.byAppId(clientId);
    return app.map(a -> new Client(a.appId(), a.servicePrincipalId(), null, a.keyCredentials()))
        .orElseThrow(() -> new OAuthException(400, "unauthorized_client", 700016, "Application with identifier '"
            + clientId + "' was not found in the directory '" + tenantId + "'. This can happen if the application "
            + "has not been installed by the administrator of the tenant or consented to by any user in the tenant. "
            + "You may have sent your authentication request to the wrong tenant."));
  }

  /** Checks a client secret in constant time; 401 AADSTS7000215 when it is not the client's. */
  public static void checkSecret(Client client, String secret) {
    boolean valid = client.secret() != null && MessageDigest.isEqual(
        client.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    if (!valid) {
      throw OAuthException.invalidClient(7000215, "Invalid client secret provided. Ensure the secret being sent in "
          + "the request is the client secret value, not the client secret ID, for a secret added to app '"
          + client.appId() + "'.");
    }
  }
}
