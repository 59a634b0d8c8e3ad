package io.seedship.runtime.security;

import io.seedship.runtime.azure.AzureCloud;
import io.seedship.runtime.azure.AzureProperties;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.web.client.RestOperations;

/**
 * Where the tokens a service accepts come from: the issuers and the signing keys of Entra ID in the configured cloud
 * and tenant, or of local-azure. Entra signs v1 tokens as {@code sts.*} and v2 tokens as {@code login.../v2.0}; an API
 * registration's {@code accessTokenAcceptedVersion} decides which its callers get, so both are accepted. local-azure's
 * issuer is read from its OpenID discovery document on first use, so services may start before it.
 */
final class TokenIssuers {

  private final Supplier<Set<String>> issuers;
  private final String jwkSetUri;

  private TokenIssuers(Supplier<Set<String>> issuers, String jwkSetUri) {
    this.issuers = issuers;
    this.jwkSetUri = jwkSetUri;
  }

  static TokenIssuers of(SecurityProperties security, AzureProperties azure, RestOperations http) {
    String tenant = azure.getTenantId();
    boolean overridden = !security.getIssuers().isEmpty() && security.getJwkSetUri() != null;
    if (!overridden && (tenant == null || tenant.isBlank())) {
      throw new IllegalArgumentException("seedship.azure.tenant-id must name the Entra tenant whose tokens this service "
          + "accepts (or set both seedship.security.issuers and seedship.security.jwk-set-uri)");
    }
    String authority = authority(azure);
    String jwks = security.getJwkSetUri() != null ? security.getJwkSetUri()
        : authority + tenant + "/discovery/v2.0/keys";
    if (!security.getIssuers().isEmpty()) {
      Set<String> fixed = Set.copyOf(security.getIssuers());
      return new TokenIssuers(() -> fixed, jwks);
    }
    if (azure.getCloud() == AzureCloud.LOCAL) {
      String discovery = authority + tenant + "/v2.0/.well-known/openid-configuration";
      return new TokenIssuers(memoized(() -> Set.of(discoveredIssuer(http, discovery))), jwks);
    }
    String v1 = azure.getCloud() == AzureCloud.CHINA ? "https://sts.chinacloudapi.cn/" : "https://sts.windows.net/";
    Set<String> entra = Set.of(authority + tenant + "/v2.0", v1 + tenant + "/");
    return new TokenIssuers(() -> entra, jwks);
  }

  Set<String> issuers() {
    return issuers.get();
  }

  String jwkSetUri() {
    return jwkSetUri;
  }

  private static String authority(AzureProperties azure) {
    String endpoint = azure.getCloud().environment(azure.getLocalEndpoint()).getActiveDirectoryEndpoint();
    return endpoint.endsWith("/") ? endpoint : endpoint + "/";
  }

  private static String discoveredIssuer(RestOperations http, String discovery) {
    Map<?, ?> document = http.getForObject(discovery, Map.class);
    Object issuer = document == null ? null : document.get("issuer");
    if (!(issuer instanceof String value) || value.isBlank()) {
      throw new IllegalStateException("the OpenID discovery document " + discovery + " names no issuer");
    }
    return value;
  }

  /** Retried until it succeeds once (local-azure may not be up yet), then kept. */
  private static <T> Supplier<T> memoized(Supplier<T> supplier) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T v = value;
        if (v == null) {
          synchronized (this) {
            if (value == null) {
              value = supplier.get();
            }
            v = value;
          }
        }
        return v;
      }
    };
  }
}
