package io.seedship.runtime.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service checks the bearer tokens of its callers ({@code seedship.security.*}). Issuers and signing keys follow
 * from {@code seedship.azure.cloud} and {@code tenant-id} (Entra ID of that cloud, or local-azure); set them here only to
 * trust another issuer.
 */
@ConfigurationProperties("seedship.security")
public class SecurityProperties {

  /**
   * The audiences a token must carry one of: the Seedship API's application ID URI (v1 tokens) and its client id (v2
   * tokens). Default {@code api://seedship}, the URI local-azure issues for.
   */
  private List<String> audiences = new ArrayList<>(List.of("api://seedship"));
  /** Accepted token issuers; empty: Entra's v1 and v2 issuers of the configured cloud and tenant. */
  private List<String> issuers = new ArrayList<>();
  /** The signing keys; empty: the tenant's discovery keys of the configured cloud. */
  private String jwkSetUri;
  /** Clock difference tolerated on a token's expiry and not-before. */
  private Duration clockSkew = Duration.ofSeconds(60);

  public List<String> getAudiences() { return audiences; }
  public void setAudiences(List<String> audiences) { this.audiences = audiences; }
  public List<String> getIssuers() { return issuers; }
  public void setIssuers(List<String> issuers) { this.issuers = issuers; }
  public String getJwkSetUri() { return jwkSetUri; }
  public void setJwkSetUri(String jwkSetUri) { this.jwkSetUri = jwkSetUri; }
  public Duration getClockSkew() { return clockSkew; }
  public void setClockSkew(Duration clockSkew) { this.clockSkew = clockSkew; }
}
