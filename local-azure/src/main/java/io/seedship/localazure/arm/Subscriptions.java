package io.seedship.localazure.arm;

import io.seedship.localazure.LocalAzureProperties;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** The subscriptions of the local tenant: those configured, plus any registered through the admin API. */
@Component
public class Subscriptions {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private final Map<String, String> byKey = new ConcurrentSkipListMap<>();

  public Subscriptions(LocalAzureProperties properties) {
    properties.getSubscriptions().forEach(this::register);
  }

  public void register(String subscriptionId) {
    if (!SAFE.matcher(subscriptionId).matches()) {
      throw ArmException.badRequest("InvalidSubscriptionId", "The provided subscription identifier '"
          + subscriptionId + "' is malformed or invalid.");
    }
    byKey.putIfAbsent(subscriptionId.toLowerCase(Locale.ROOT), subscriptionId);
  }

  /** The subscription as registered, or ARM's 404 SubscriptionNotFound. */
  public String require(String subscriptionId) {
    String found = byKey.get(subscriptionId.toLowerCase(Locale.ROOT));
    if (found == null) {
      throw ArmException.notFound("SubscriptionNotFound",
          "The subscription '" + subscriptionId + "' could not be found.");
    }
    return found;
  }

  public List<String> all() {
    return List.copyOf(byKey.values());
  }
}
