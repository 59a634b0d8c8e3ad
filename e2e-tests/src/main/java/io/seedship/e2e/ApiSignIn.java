package io.seedship.e2e;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.AzureCloud;
import io.seedship.runtime.azure.AzureProperties;
import java.net.http.HttpClient;

/**
 * A caller's sign-in to Seedship's APIs: the client-credentials grant against local-azure's Entra endpoint, exactly as
 * an operator's tool signs in to Entra ID (the SDK's credential, its token cache, the {@code api://…/.default} scope).
 * The client is one of local-azure's Seedship API clients, named by its display name (e.g. {@code seedship-operator}).
 */
final class ApiSignIn {

  private final TokenCredential credential;
  private final TokenRequestContext scope;

  private ApiSignIn(TokenCredential credential, String audience) {
    this.credential = credential;
    this.scope = new TokenRequestContext().addScopes(audience + "/.default");
  }

  static ApiSignIn as(LocalAzure azure, String clientName) {
    LocalAzureProperties.SeedshipApi api = azure.properties().getSeedshipApi();
    LocalAzureProperties.ApiClient client = api.getClients().stream()
        .filter(c -> c.getDisplayName().equals(clientName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("local-azure has no Seedship API client " + clientName));
    AzureProperties trust = new AzureProperties();
    trust.setCloud(AzureCloud.LOCAL);
    trust.setTrustStore(azure.certificates().trustStore().toString());
    TokenCredential credential = new ClientSecretCredentialBuilder()
        .tenantId(azure.properties().getTenantId())
        .clientId(client.getClientId())
        .clientSecret(client.getClientSecret())
        .authorityHost(azure.authorityHost())
        .disableInstanceDiscovery()
        .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(AzureClients.sslContext(trust))).build())
        .build();
    return new ApiSignIn(credential, api.getAppIdUri());
  }

  /** A bearer token, from the credential's cache while it is valid. */
  String token() {
    return credential.getTokenSync(scope).getToken();
  }
}
