package io.seedship.runtime.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import io.seedship.runtime.azure.core.AzureException;

/**
 * Retries for every Azure client: exponential backoff for 408/5xx, and a 429's Retry-After honoured as given
 * (azure-core reads x-ms-retry-after-ms, retry-after-ms and Retry-After). Bounded twice: a number of attempts, and a
 * longest Retry-After worth waiting in a call; past it the caller gets {@link AzureException.Throttled} and decides
 * (a service re-queues the work instead of holding a thread for an hour).
 */
public final class AzureRetry {

  private AzureRetry() {
  }

  public static RetryOptions options(AzureProperties.Retry settings) {
    long maxRetryAfterSeconds = settings.getMaxRetryAfter().toSeconds();
    RetryOptions options = new RetryOptions(new ExponentialBackoffOptions()
        .setMaxRetries(settings.getMaxRetries())
        .setBaseDelay(settings.getBaseDelay())
        .setMaxDelay(settings.getMaxDelay()));
    options.setShouldRetryCondition(condition -> {
      if (condition.getResponse() == null) {
        return true;
      }
      int status = condition.getResponse().getStatusCode();
      if (status != 408 && status != 429 && (status < 500 || status == 501 || status == 505)) {
        return false;
      }
      String retryAfter = condition.getResponse().getHeaders().getValue(HttpHeaderName.RETRY_AFTER);
      if (retryAfter != null) {
        try {
          return Long.parseLong(retryAfter.trim()) <= maxRetryAfterSeconds;
        } catch (NumberFormatException httpDate) {
          return true;
        }
      }
      return true;
    });
    return options;
  }

  public static RetryPolicy policy(AzureProperties.Retry settings) {
    return new RetryPolicy(options(settings));
  }
}
