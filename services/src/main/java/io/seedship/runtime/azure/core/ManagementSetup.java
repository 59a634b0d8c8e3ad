package io.seedship.runtime.azure.core;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resources.fluentcore.arm.AzureConfigurable;
import java.util.List;

/**
 * What every management SDK client is built with: the one HTTP client, credential, cloud, retries and extra
 * policies of an {@code AzureClients}. The typed clients take this (or an {@link ArmRest}) rather than
 * {@code AzureClients} itself, so they depend on this package only and {@code AzureClients} can build and cache them.
 */
public record ManagementSetup(HttpClient httpClient, TokenCredential credential, AzureEnvironment environment,
    String tenantId, RetryOptions retryOptions, List<HttpPipelinePolicy> extraPolicies) {

  public ManagementSetup {
    extraPolicies = List.copyOf(extraPolicies);
  }

  /** The tenant and cloud for {@code subscriptionId} (null: none, as Graph needs). */
  public AzureProfile profile(String subscriptionId) {
    return new AzureProfile(tenantId, subscriptionId, environment);
  }

  /** The same HTTP client, retries and extra policies on a fluent management SDK. */
  public <T extends AzureConfigurable<T>> T apply(T configurable) {
    T result = configurable.withHttpClient(httpClient).withRetryOptions(retryOptions);
    for (HttpPipelinePolicy policy : extraPolicies) {
      result = result.withPolicy(policy);
    }
    return result;
  }
}
