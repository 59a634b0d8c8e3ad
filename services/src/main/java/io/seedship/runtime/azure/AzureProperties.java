package io.seedship.runtime.azure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which Azure a service talks to ({@code seedship.azure.*}). Real clouds authenticate with the SDK's credential
 * chain (environment, workload or managed identity, Azure CLI...); LOCAL with local-azure's service principal.
 */
@Validated
@ConfigurationProperties("seedship.azure")
public class AzureProperties {

  @NotNull
  private AzureCloud cloud = AzureCloud.LOCAL;
  /** Entra tenant; for real clouds optional (the credential chain's default). */
  private String tenantId;
  /** LOCAL: local-azure's base URL, e.g. https://localhost:8443/. */
  private String localEndpoint;
  /** LOCAL: PKCS12 trust store holding local-azure's certificate (its tls/trust.p12). */
  private String trustStore;
  private String trustStorePassword = "changeit";
  /** LOCAL: Seedship's service principal in local-azure (never a real secret). */
  private String clientId;
  private String clientSecret;
  @Valid
  private final Retry retry = new Retry();

  /** Retries of throttled (429) and failed (408, 5xx) calls. */
  public static class Retry {
    @Min(0)
    @Max(20)
    private int maxRetries = 6;
    @NotNull
    private Duration baseDelay = Duration.ofMillis(500);
    @NotNull
    private Duration maxDelay = Duration.ofSeconds(30);
    /**
     * A Retry-After longer than this is not waited for in the call: the caller gets AzureException.Throttled, and
     * durable work is re-queued for Azure's delay without holding a thread meanwhile.
     */
    @NotNull
    private Duration maxRetryAfter = Duration.ofSeconds(10);

    public int getMaxRetries() { return maxRetries; }
    public void setMaxRetries(int maxRetries) { this.maxRetries = maxRetries; }
    public Duration getBaseDelay() { return baseDelay; }
    public void setBaseDelay(Duration baseDelay) { this.baseDelay = baseDelay; }
    public Duration getMaxDelay() { return maxDelay; }
    public void setMaxDelay(Duration maxDelay) { this.maxDelay = maxDelay; }
    public Duration getMaxRetryAfter() { return maxRetryAfter; }
    public void setMaxRetryAfter(Duration maxRetryAfter) { this.maxRetryAfter = maxRetryAfter; }
  }

  public AzureCloud getCloud() { return cloud; }
  public void setCloud(AzureCloud cloud) { this.cloud = cloud; }
  public String getTenantId() { return tenantId; }
  public void setTenantId(String tenantId) { this.tenantId = tenantId; }
  public String getLocalEndpoint() { return localEndpoint; }
  public void setLocalEndpoint(String localEndpoint) { this.localEndpoint = localEndpoint; }
  public String getTrustStore() { return trustStore; }
  public void setTrustStore(String trustStore) { this.trustStore = trustStore; }
  public String getTrustStorePassword() { return trustStorePassword; }
  public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
  public String getClientId() { return clientId; }
  public void setClientId(String clientId) { this.clientId = clientId; }
  public String getClientSecret() { return clientSecret; }
  public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
  public Retry getRetry() { return retry; }
}
