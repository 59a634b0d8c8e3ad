package io.seedship.runtime.azure;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.resourcemanager.resources.fluentcore.arm.AzureConfigurable;

/** The same HTTP client, retries and extra policies on every fluent management SDK. */
public final class ManagerSetup {

  private ManagerSetup() {
  }

  public static <T extends AzureConfigurable<T>> T apply(T configurable, AzureClients clients) {
    T result = configurable.withHttpClient(clients.httpClient())
        .withRetryOptions(AzureRetry.options(clients.properties().getRetry()));
    for (HttpPipelinePolicy policy : clients.extraPolicies()) {
      result = result.withPolicy(policy);
    }
    return result;
  }
}
