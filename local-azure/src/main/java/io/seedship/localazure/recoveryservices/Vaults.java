package io.seedship.localazure.recoveryservices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.ArmLocations;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.arm.ResourceGroups;
import io.seedship.localazure.arm.Subscriptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Microsoft.RecoveryServices vaults: where a seed ends up. The vault's data plane is the vault-service issue's. */
@Component
public class Vaults {

  /** Azure: 2-50 characters, letters, digits and hyphens, starting with a letter. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,49}");

  private final Subscriptions subscriptions;
  private final ResourceGroups groups;
  private final Map<String, ObjectNode> vaults = new ConcurrentSkipListMap<>();

  public Vaults(Subscriptions subscriptions, ResourceGroups groups) {
    this.subscriptions = subscriptions;
    this.groups = groups;
  }

  public synchronized boolean put(String subscriptionId, String resourceGroup, String name, ObjectNode body) {
    String subscription = subscriptions.require(subscriptionId);
    String groupName = groups.require(subscription, resourceGroup).get("name").asText();
    if (!NAME.matcher(name).matches()) {
      throw new ArmException(400, "InvalidVaultName", "The vault name '" + name + "' is invalid: use 2 to 50 letters,"
          + " digits and hyphens, starting with a letter.", "vaultName");
    }
    if (!body.hasNonNull("location") || body.get("location").asText().isBlank()) {
      throw new ArmException(400, "LocationRequired", "The location property is required for this definition.",
          "location");
    }
    if (!body.path("sku").hasNonNull("name")) {
      throw new ArmException(400, "InvalidRequestContent", "The request content was invalid: 'sku.name' is required.",
          "sku.name");
    }
    String key = key(subscription, resourceGroup, name);
    ObjectNode existing = vaults.get(key);
    ObjectNode vault = Json.object();
    String storedName = existing != null ? existing.get("name").asText() : name;
    vault.put("id", "/subscriptions/" + subscription + "/resourceGroups/" + groupName
        + "/providers/Microsoft.RecoveryServices/vaults/" + storedName);
    vault.put("name", storedName);
    vault.put("type", "Microsoft.RecoveryServices/vaults");
    vault.put("location", ArmLocations.normalize(body.get("location").asText()));
    vault.set("tags", body.has("tags") ? body.get("tags") : Json.object());
    vault.put("etag", "W/\"datetime'" + System.nanoTime() + "'\"");
    ObjectNode sku = vault.putObject("sku");
    sku.put("name", body.path("sku").path("name").asText());
    if (body.path("sku").has("tier")) {
      sku.put("tier", body.path("sku").path("tier").asText());
    }
    ObjectNode properties = body.path("properties").isObject()
        ? ((ObjectNode) body.get("properties")).deepCopy() : Json.object();
    properties.put("provisioningState", "Succeeded");
    if (!properties.has("publicNetworkAccess")) {
      properties.put("publicNetworkAccess", "Enabled");
    }
    vault.set("properties", properties);
    vaults.put(key, vault);
    return existing == null;
  }

  public Optional<ObjectNode> get(String subscriptionId, String resourceGroup, String name) {
    String subscription = subscriptions.require(subscriptionId);
    groups.require(subscription, resourceGroup);
    return Optional.ofNullable(vaults.get(key(subscription, resourceGroup, name))).map(ObjectNode::deepCopy);
  }

  public ObjectNode require(String subscriptionId, String resourceGroup, String name) {
    return get(subscriptionId, resourceGroup, name).orElseThrow(() -> ArmException.notFound("ResourceNotFound",
        "The Resource 'Microsoft.RecoveryServices/vaults/" + name + "' under resource group '" + resourceGroup
            + "' was not found."));
  }

  public List<ObjectNode> list(String subscriptionId, String resourceGroup) {
    String subscription = subscriptions.require(subscriptionId);
    String prefix = subscription.toLowerCase(Locale.ROOT) + "/"
        + (resourceGroup == null ? "" : groups.require(subscription, resourceGroup).get("name").asText()
            .toLowerCase(Locale.ROOT) + "/");
    List<ObjectNode> result = new ArrayList<>();
    vaults.forEach((key, vault) -> {
      if (key.startsWith(prefix)) {
        result.add(vault.deepCopy());
      }
    });
    return result;
  }

  public synchronized boolean delete(String subscriptionId, String resourceGroup, String name) {
    String subscription = subscriptions.require(subscriptionId);
    groups.require(subscription, resourceGroup);
    return vaults.remove(key(subscription, resourceGroup, name)) != null;
  }

  @EventListener
  public synchronized void onGroupDeleted(ResourceGroups.Deleted event) {
    String prefix = key(event.subscriptionId(), event.resourceGroupName(), "");
    vaults.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private static String key(String subscription, String resourceGroup, String name) {
    return (subscription + "/" + resourceGroup + "/" + name).toLowerCase(Locale.ROOT);
  }
}
