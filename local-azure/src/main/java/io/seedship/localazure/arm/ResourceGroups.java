package io.seedship.localazure.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Resource groups per subscription; deleting one deletes what is in it (stores listen for {@link Deleted}). */
@Component
public class ResourceGroups {

  /** Azure's rule: 1-90 of letters, digits, underscores, parentheses, hyphens, periods; not ending in a period. */
  private static final Pattern NAME = Pattern.compile("[-\\w._()]{0,89}[-\\w_()]", Pattern.UNICODE_CHARACTER_CLASS);

  public record Deleted(String subscriptionId, String resourceGroupName) {
  }

  private final Subscriptions subscriptions;
  private final ApplicationEventPublisher events;
  private final Map<String, ObjectNode> groups = new ConcurrentSkipListMap<>();

  public ResourceGroups(Subscriptions subscriptions, ApplicationEventPublisher events) {
    this.subscriptions = subscriptions;
    this.events = events;
  }

  /** Creates or updates; true when it was created. */
  public synchronized boolean put(String subscriptionId, String name, ObjectNode body) {
    String subscription = subscriptions.require(subscriptionId);
    if (!NAME.matcher(name).matches()) {
      throw new ArmException(400, "InvalidResourceGroup", "The provided resource group name '" + name
          + "' has these invalid characters or length: it must be 1-90 letters, digits, '_', '-', '.', '(' or ')'"
          + " and not end with '.'.", "resourceGroupName");
    }
    if (!body.hasNonNull("location") || body.get("location").asText().isBlank()) {
      throw new ArmException(400, "LocationRequired", "The location property is required for this definition.",
          "location");
    }
    String key = key(subscription, name);
    ObjectNode existing = groups.get(key);
    ObjectNode group = Json.object();
    String storedName = existing != null ? existing.get("name").asText() : name;
    group.put("id", "/subscriptions/" + subscription + "/resourceGroups/" + storedName);
    group.put("name", storedName);
    group.put("type", "Microsoft.Resources/resourceGroups");
    group.put("location", ArmLocations.normalize(body.get("location").asText()));
    if (body.has("tags")) {
      group.set("tags", body.get("tags"));
    }
    group.putObject("properties").put("provisioningState", "Succeeded");
    groups.put(key, group);
    return existing == null;
  }

  public Optional<ObjectNode> get(String subscriptionId, String name) {
    String subscription = subscriptions.require(subscriptionId);
    return Optional.ofNullable(groups.get(key(subscription, name))).map(ObjectNode::deepCopy);
  }

  /** The group as stored, or ARM's 404 ResourceGroupNotFound: what every resource in a group checks first. */
  public ObjectNode require(String subscriptionId, String name) {
    return get(subscriptionId, name).orElseThrow(() -> ArmException.notFound("ResourceGroupNotFound",
        "Resource group '" + name + "' could not be found."));
  }

  public List<ObjectNode> list(String subscriptionId) {
    String subscription = subscriptions.require(subscriptionId);
    String prefix = subscription.toLowerCase(Locale.ROOT) + "/";
    List<ObjectNode> result = new ArrayList<>();
    groups.forEach((key, group) -> {
      if (key.startsWith(prefix)) {
        result.add(group.deepCopy());
      }
    });
    return result;
  }

  public synchronized boolean delete(String subscriptionId, String name) {
    String subscription = subscriptions.require(subscriptionId);
    ObjectNode removed = groups.remove(key(subscription, name));
    if (removed != null) {
      events.publishEvent(new Deleted(subscription, removed.get("name").asText()));
    }
    return removed != null;
  }

  private static String key(String subscription, String name) {
    return subscription.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT);
  }
}
