package io.seedship.localazure.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.ArmLocations;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.arm.ResourceGroups;
import io.seedship.localazure.arm.Subscriptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Microsoft.Storage accounts: ARM's view (names global, 3-24 lowercase letters and digits) and their keys, with
 * the blobs in Azurite. Other providers look accounts up by resource id (an import job's target).
 */
@Component
public class StorageAccounts {

  public static final Pattern NAME = Pattern.compile("[a-z0-9]{3,24}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What local-azure keeps of an account; the keys never appear in a GET, only in listKeys. */
  record Account(String subscription, String resourceGroup, String name, ObjectNode resource, String key1,
      String key2) {
  }

  private final Subscriptions subscriptions;
  private final ResourceGroups groups;
  private final Azurite azurite;
  private final Clock clock;
  private final Map<String, Account> byName = new ConcurrentSkipListMap<>();

  public StorageAccounts(Subscriptions subscriptions, ResourceGroups groups, Azurite azurite,
      io.seedship.localazure.clock.VirtualClock clock) {
    this.subscriptions = subscriptions;
    this.groups = groups;
    this.azurite = azurite;
    this.clock = clock;
  }

  /** Creates or updates; true when created. */
  public synchronized boolean put(String subscriptionId, String resourceGroup, String name, ObjectNode body) {
    String subscription = subscriptions.require(subscriptionId);
    ObjectNode group = groups.require(subscription, resourceGroup);
    if (!NAME.matcher(name).matches()) {
      throw new ArmException(400, "AccountNameInvalid", name + " is not a valid storage account name. Storage account"
          + " name must be between 3 and 24 characters in length and use numbers and lower-case letters only.",
          "accountName");
    }
    require(body, "location", "location");
    if (!body.path("sku").hasNonNull("name")) {
      throw new ArmException(400, "InvalidRequestContent", "The request content was invalid: 'sku.name' is required.",
          "sku.name");
    }
    String kind = body.path("kind").asText("StorageV2");
    Account existing = byName.get(name);
    if (existing != null && !(existing.subscription().equalsIgnoreCase(subscription)
        && existing.resourceGroup().equalsIgnoreCase(resourceGroup))) {
      throw ArmException.conflict("StorageAccountAlreadyTaken",
          "The storage account named " + name + " is already taken.");
    }
    String key1 = existing != null ? existing.key1() : azurite.knows(name) ? azurite.keyOf(name) : newKey();
    String key2 = existing != null ? existing.key2() : newKey();
    String blob;
    try {
      blob = azurite.host(name, key1);
    } catch (IllegalStateException e) {
      throw ArmException.conflict("StorageAccountNotHostable", e.getMessage());
    }
    String groupName = group.get("name").asText();
    ObjectNode resource = Json.object();
    resource.put("id", "/subscriptions/" + subscription + "/resourceGroups/" + groupName
        + "/providers/Microsoft.Storage/storageAccounts/" + name);
    resource.put("name", name);
    resource.put("type", "Microsoft.Storage/storageAccounts");
    String location = ArmLocations.normalize(body.get("location").asText());
    resource.put("location", location);
    resource.set("tags", body.has("tags") ? body.get("tags") : Json.object());
    ObjectNode sku = resource.putObject("sku");
    String skuName = body.path("sku").path("name").asText();
    sku.put("name", skuName);
    sku.put("tier", skuName.startsWith("Premium") ? "Premium" : "Standard");
    resource.put("kind", kind);
    ObjectNode properties = resource.putObject("properties");
    properties.put("provisioningState", "Succeeded");
    properties.put("creationTime", existing != null
        ? existing.resource().path("properties").path("creationTime").asText() : clock.instant().toString());
    properties.put("primaryLocation", location);
    properties.put("statusOfPrimary", "available");
    properties.put("supportsHttpsTrafficOnly", true);
    properties.put("minimumTlsVersion", "TLS1_2");
    properties.put("allowSharedKeyAccess", true);
    properties.put("accessTier", body.path("properties").path("accessTier").asText("Hot"));
    ObjectNode endpoints = properties.putObject("primaryEndpoints");
    endpoints.put("blob", blob);
    byName.put(name, new Account(subscription, groupName, name, resource, key1, key2));
    return existing == null;
  }

  public Optional<ObjectNode> get(String subscriptionId, String resourceGroup, String name) {
    return find(subscriptionId, resourceGroup, name).map(a -> a.resource().deepCopy());
  }

  public ObjectNode require(String subscriptionId, String resourceGroup, String name) {
    return get(subscriptionId, resourceGroup, name).orElseThrow(() -> notFound(resourceGroup, name));
  }

  /** The account an ARM id names, if local-azure has it: how other providers check their storage targets. */
  public Optional<ObjectNode> byId(String resourceId) {
    String[] parts = resourceId.split("/");
    // /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{name}
    if (parts.length != 9 || !parts[6].equalsIgnoreCase("Microsoft.Storage")
        || !parts[7].equalsIgnoreCase("storageAccounts")) {
      return Optional.empty();
    }
    Account account = byName.get(parts[8]);
    if (account == null || !account.subscription().equalsIgnoreCase(parts[2])
        || !account.resourceGroup().equalsIgnoreCase(parts[4])) {
      return Optional.empty();
    }
    return Optional.of(account.resource().deepCopy());
  }

  public ObjectNode keys(String subscriptionId, String resourceGroup, String name) {
    Account account = find(subscriptionId, resourceGroup, name).orElseThrow(() -> notFound(resourceGroup, name));
    ObjectNode body = Json.object();
    var keys = body.putArray("keys");
    String created = account.resource().path("properties").path("creationTime").asText();
    keys.addObject().put("keyName", "key1").put("value", account.key1()).put("permissions", "FULL")
        .put("creationTime", created);
    keys.addObject().put("keyName", "key2").put("value", account.key2()).put("permissions", "FULL")
        .put("creationTime", created);
    return body;
  }

  public List<ObjectNode> list(String subscriptionId, String resourceGroup) {
    String subscription = subscriptions.require(subscriptionId);
    if (resourceGroup != null) {
      groups.require(subscription, resourceGroup);
    }
    List<ObjectNode> result = new ArrayList<>();
    byName.values().forEach(a -> {
      if (a.subscription().equalsIgnoreCase(subscription)
          && (resourceGroup == null || a.resourceGroup().equalsIgnoreCase(resourceGroup))) {
        result.add(a.resource().deepCopy());
      }
    });
    return result;
  }

  public boolean nameAvailable(String name) {
    return !byName.containsKey(name);
  }

  public synchronized boolean delete(String subscriptionId, String resourceGroup, String name) {
    Optional<Account> account = find(subscriptionId, resourceGroup, name);
    account.ifPresent(a -> byName.remove(a.name()));
    return account.isPresent();
  }

  @EventListener
  public synchronized void onGroupDeleted(ResourceGroups.Deleted event) {
    byName.values().removeIf(a -> a.subscription().equalsIgnoreCase(event.subscriptionId())
        && a.resourceGroup().equalsIgnoreCase(event.resourceGroupName()));
  }

  private Optional<Account> find(String subscriptionId, String resourceGroup, String name) {
    String subscription = subscriptions.require(subscriptionId);
    groups.require(subscription, resourceGroup);
    Account account = byName.get(name.toLowerCase(Locale.ROOT));
    if (account == null || !account.subscription().equalsIgnoreCase(subscription)
        || !account.resourceGroup().equalsIgnoreCase(resourceGroup)) {
      return Optional.empty();
    }
    return Optional.of(account);
  }

  private static ArmException notFound(String resourceGroup, String name) {
    return ArmException.notFound("ResourceNotFound", "The Resource 'Microsoft.Storage/storageAccounts/" + name
        + "' under resource group '" + resourceGroup + "' was not found.");
  }

  private static void require(ObjectNode body, String field, String target) {
    if (!body.hasNonNull(field) || body.get(field).asText().isBlank()) {
      throw new ArmException(400, "InvalidRequestContent",
          "The request content was invalid: '" + field + "' is required.", target);
    }
  }

  private static String newKey() {
    byte[] key = new byte[64];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
