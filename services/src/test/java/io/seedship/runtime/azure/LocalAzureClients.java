package io.seedship.runtime.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.TestLocalAzure;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import reactor.core.publisher.Mono;

/** Azure clients pointed at a local-azure, the way a service configures them for seedship.azure.cloud=LOCAL. */
final class LocalAzureClients {

  private LocalAzureClients() {
  }

  static AzureProperties properties(LocalAzure azure) {
    AzureProperties properties = new AzureProperties();
    properties.setCloud(AzureCloud.LOCAL);
    properties.setLocalEndpoint(azure.armEndpoint());
    properties.setTenantId(azure.properties().getTenantId());
    properties.setTrustStore(azure.certificates().trustStore().toString());
    properties.setClientId(azure.properties().getApp().getClientId());
    properties.setClientSecret(azure.properties().getApp().getClientSecret());
    properties.getRetry().setBaseDelay(Duration.ofMillis(50));
    properties.getRetry().setMaxDelay(Duration.ofMillis(500));
    properties.getRetry().setMaxRetries(10);
    return properties;
  }

  /** Clients with the configured credential (local-azure's token endpoint). */
  static AzureClients create(LocalAzure azure, HttpPipelinePolicy... extra) {
    return AzureClients.create(properties(azure), null, List.of(extra));
  }

  /** Clients whose tokens are minted by local-azure directly: for tests of one provider, not of sign-in. */
  static AzureClients withMintedTokens(LocalAzure azure, HttpPipelinePolicy... extra) {
    TokenCredential minted = request -> Mono.fromSupplier(() -> {
      boolean graph = request.getScopes().stream().anyMatch(scope -> scope.contains("/graph"));
      String token = graph ? TestLocalAzure.graphUserToken(azure) : TestLocalAzure.armToken(azure);
      return new AccessToken(token, OffsetDateTime.now().plusMinutes(30));
    });
    return AzureClients.create(properties(azure), minted, List.of(extra));
  }
}
