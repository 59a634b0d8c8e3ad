package io.seedship.runtime.azure;

import com.azure.core.management.AzureEnvironment;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The Azure clouds Seedship talks to; LOCAL is local-azure, reached with the same SDK clients. */
public enum AzureCloud {
  PUBLIC, US_GOVERNMENT, CHINA, LOCAL;

  /** The cloud as the contracts name it in a seed request: the one mapping between the two. */
  public io.seedship.contracts.common.Cloud toContract() {
    return switch (this) {
      case PUBLIC -> io.seedship.contracts.common.Cloud.AZURE_PUBLIC;
      case US_GOVERNMENT -> io.seedship.contracts.common.Cloud.AZURE_US_GOVERNMENT;
      case CHINA -> io.seedship.contracts.common.Cloud.AZURE_CHINA;
      case LOCAL -> io.seedship.contracts.common.Cloud.LOCAL;
    };
  }

  /**
   * The SDK environment of this cloud. For LOCAL every endpoint key gets a value, because the SDK matches request
   * URLs against all of them to choose a token scope (a null value fails, a value that prefixes ARM URLs would give
   * ARM calls a Graph token): ARM and Entra at the root of local-azure, Graph under {@code graph/}.
   */
  public AzureEnvironment environment(String localEndpoint) {
    return switch (this) {
      case PUBLIC -> AzureEnvironment.AZURE;
      case US_GOVERNMENT -> AzureEnvironment.AZURE_US_GOVERNMENT;
      case CHINA -> AzureEnvironment.AZURE_CHINA;
      case LOCAL -> local(localEndpoint);
    };
  }

  private static AzureEnvironment local(String endpoint) {
    if (endpoint == null || !endpoint.startsWith("https://")) {
      throw new IllegalArgumentException("seedship.azure.local-endpoint must be local-azure's https:// URL, not "
          + endpoint);
    }
    String base = (endpoint.endsWith("/") ? endpoint : endpoint + "/").toLowerCase(Locale.ROOT);
    Map<String, String> endpoints = new HashMap<>();
    AzureEnvironment.AZURE.getEndpoints().keySet()
        .forEach(key -> endpoints.put(key, "https://" + key.toLowerCase(Locale.ROOT) + ".unused.local-azure.invalid/"));
    endpoints.put("resourceManagerEndpointUrl", base);
    endpoints.put("managementEndpointUrl", base);
    endpoints.put("activeDirectoryEndpointUrl", base);
    endpoints.put("activeDirectoryResourceId", base);
    endpoints.put("microsoftGraphResourceId", base + "graph/");
    endpoints.put("portalUrl", base + "portal/");
    return new AzureEnvironment(endpoints);
  }
}
