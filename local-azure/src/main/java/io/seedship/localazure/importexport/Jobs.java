package io.seedship.localazure.importexport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.ArmLocations;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.arm.ResourceGroups;
import io.seedship.localazure.arm.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The job operations. Each one checks everything first and stores once at the end, under the store's monitor, so
 * a refused request leaves no trace and two requests on one job cannot interleave.
 */
@Component
public class Jobs {

  /** Who is asking, as ARM records it in systemData. */
  public record Actor(String name, String type) {
  }

  /** The job after a PUT, and whether the PUT created it. */
  public record Put(Job job, boolean created) {
  }

  private static final String[] UPDATABLE = {"returnAddress", "returnShipping", "deliveryPackage", "logLevel",
      "backupDriveManifest"};

  private final JobStore store;
  private final JobRules rules;
  private final Locations locations;
  private final Subscriptions subscriptions;
  private final ResourceGroups groups;
  private final Datacenter datacenter;
  private final Clock clock;

  public Jobs(JobStore store, Locations locations, Subscriptions subscriptions, ResourceGroups groups,
      Datacenter datacenter, Clock clock, io.seedship.localazure.storage.StorageAccounts storageAccounts) {
    this.rules = new JobRules(id -> storageAccounts.byId(id).isPresent());
    this.store = store;
    this.locations = locations;
    this.subscriptions = subscriptions;
    this.groups = groups;
    this.datacenter = datacenter;
    this.clock = clock;
  }

  public Job get(String subscriptionId, String resourceGroup, String jobName) {
    String subscription = subscriptions.require(subscriptionId);
    groups.require(subscription, resourceGroup);
    return store.get(subscription, resourceGroup, jobName).orElseThrow(() -> notFound(resourceGroup, jobName));
  }

  public Put put(String subscriptionId, String resourceGroup, String jobName, ObjectNode body, Actor actor) {
    String subscription = subscriptions.require(subscriptionId);
    String group = groups.require(subscription, resourceGroup).path("name").asText(resourceGroup);
    rules.requireValidName(jobName);
    rules.requireSchema("PutJobParameters", body);
    rules.requirePut(body, subscription, locations);
    synchronized (store) {
      Job existing = store.get(subscription, group, jobName).orElse(null);
      if (existing != null && !existing.inState(Job.CREATING)) {
        throw JobRules.wrongState(existing, "only a job still in Creating can be replaced by PUT.");
      }
      if (existing != null && !sameLocation(existing, body)) {
        throw new ArmException(400, "InvalidResourceLocation", "The resource '" + existing.name()
            + "' already exists in location '" + existing.resource().path("location").asText() + "' in resource group '"
            + group + "'. A resource with the same name cannot be created in location '"
            + body.path("location").asText() + "'. Please select a new resource name.", "location");
      }
      Instant now = clock.instant();
      String name = existing != null ? existing.name() : jobName;
      ObjectNode resource = resource(subscription, group, name, body, actor, now, existing);
      Job job = existing != null ? existing.with(resource) : new Job(subscription, group, name, now, resource);
      store.put(job);
      return new Put(job, existing == null);
    }
  }

  public Job update(String subscriptionId, String resourceGroup, String jobName, ObjectNode body, Actor actor) {
    get(subscriptionId, resourceGroup, jobName);
    rules.requireSchema("UpdateJobParameters", body);
    JsonNode changes = body.path("properties");
    rules.requireCommon(changes);
    synchronized (store) {
      Job job = get(subscriptionId, resourceGroup, jobName);
      ObjectNode resource = job.copy();
      ObjectNode properties = (ObjectNode) resource.get("properties");
      if (changes.has("driveList")) {
        if (!job.inState(Job.CREATING)) {
          throw JobRules.wrongState(job, "'properties.driveList' can only be changed while the job is Creating.");
        }
        rules.requireDrives(changes.get("driveList"), job.jobType().equals("Import"));
        properties.set("driveList", drives(changes.get("driveList")));
      }
      for (String field : UPDATABLE) {
        if (changes.has(field)) {
          properties.set(field, changes.get(field).deepCopy());
        }
      }
      boolean shipping = applyState(job, changes, properties);
      applyCancel(job, changes, properties, shipping);
      if (body.has("tags")) {
        resource.set("tags", body.get("tags").deepCopy());
      }
      touch(resource, actor, clock.instant());
      Job updated = job.with(resource);
      store.put(updated);
      if (shipping) {
        datacenter.shipped(updated, clock.instant());
      }
      return updated;
    }
  }

  /** True when this request ships the job. */
  private boolean applyState(Job job, JsonNode changes, ObjectNode properties) {
    JsonNode state = changes.get("state");
    if (state == null || state.isNull() || state.asText().isEmpty()) {
      return false;
    }
    if (!state.asText().equals(Job.SHIPPING)) {
      throw JobRules.invalid("properties.state", "'properties.state' can only be set to 'Shipping' (or left"
          + " empty), not '" + state.asText() + "'.");
    }
    if (!job.inState(Job.CREATING)) {
      throw JobRules.wrongState(job, "only a job in Creating can move to Shipping.");
    }
    List<String> missing = new ArrayList<>();
    for (String needed : List.of("returnAddress", "deliveryPackage")) {
      if (!properties.path(needed).isObject()) {
        missing.add("properties." + needed);
      }
    }
    if (!missing.isEmpty()) {
      throw JobRules.invalid(missing.get(0), "The job cannot move to Shipping without " + String.join(" and ",
          missing) + ", set in this request or an earlier one.");
    }
    if (job.jobType().equals("Export") && !properties.has("driveList")) {
      throw JobRules.invalid("properties.driveList", "An Export job cannot move to Shipping without"
          + " 'properties.driveList' naming the drives sent.");
    }
    properties.put("state", Job.SHIPPING);
    return true;
  }

  /** Cancelling a job nobody shipped ends it at once; a shipped one is only marked, the datacenter acts on it. */
  private void applyCancel(Job job, JsonNode changes, ObjectNode properties, boolean shipping) {
    JsonNode cancel = changes.get("cancelRequested");
    // The definition says "if specified, must be true" but gives false as the default, and the SDKs send that
    // default on every update (shipping too): false asks for nothing, and never undoes a cancellation.
    if (cancel == null || cancel.isNull() || !cancel.asBoolean()) {
      return;
    }
    if (job.inState(Job.CREATING) && !shipping) {
      properties.put("state", Job.COMPLETED);
    } else if (!job.inState(Job.SHIPPING) && !shipping) {
      throw JobRules.wrongState(job, "only a job in Creating or Shipping can be cancelled.");
    }
    properties.put("cancelRequested", true);
  }

  public void delete(String subscriptionId, String resourceGroup, String jobName) {
    synchronized (store) {
      Job job = get(subscriptionId, resourceGroup, jobName);
      if (!job.inState(Job.CREATING) && !job.inState(Job.COMPLETED)) {
        throw JobRules.wrongState(job, "only jobs in the Creating or Completed states can be deleted.");
      }
      store.remove(job);
    }
  }

  public List<Job> list(String subscriptionId, String resourceGroup, String afterKey, ODataFilter filter) {
    String subscription = subscriptions.require(subscriptionId);
    String prefix;
    if (resourceGroup == null) {
      prefix = JobStore.subscriptionPrefix(subscription);
    } else {
      groups.require(subscription, resourceGroup);
      prefix = JobStore.groupPrefix(subscription, resourceGroup);
    }
    if (afterKey != null && !afterKey.startsWith(prefix)) {
      throw new ArmException(400, "InvalidSkipToken", "The $skipToken does not belong to this list.", "$skipToken");
    }
    return store.list(prefix, afterKey, filter);
  }

  private ObjectNode resource(String subscription, String group, String name, ObjectNode body, Actor actor,
      Instant now, Job existing) {
    JsonNode given = body.get("properties");
    ObjectNode location = locations.require(body.get("location").asText());
    ObjectNode resource = Json.object();
    ObjectNode systemData = resource.putObject("systemData");
    if (existing != null) {
      JsonNode created = existing.resource().path("systemData");
      systemData.set("createdBy", created.get("createdBy"));
      systemData.set("createdByType", created.get("createdByType"));
      systemData.set("createdAt", created.get("createdAt"));
    } else {
      systemData.put("createdBy", actor.name());
      systemData.put("createdByType", actor.type());
      systemData.put("createdAt", now.toString());
    }
    ObjectNode properties = resource.putObject("properties");
    properties.put("storageAccountId", given.get("storageAccountId").asText());
    properties.put("jobType", given.get("jobType").asText());
    copy(given, properties, "returnAddress");
    copy(given, properties, "returnShipping");
    properties.set("shippingInformation", Locations.shippingInformation(location));
    copy(given, properties, "deliveryPackage");
    properties.put("diagnosticsPath", given.path("diagnosticsPath").asText("waimportexport"));
    properties.put("logLevel", given.path("logLevel").asText("Error"));
    properties.put("backupDriveManifest", given.path("backupDriveManifest").asBoolean(false));
    properties.put("cancelRequested", false);
    properties.put("state", Job.CREATING);
    if (given.has("driveList")) {
      properties.set("driveList", drives(given.get("driveList")));
    }
    copy(given, properties, "export");
    properties.put("provisioningState", "Succeeded");
    if (given.path("encryptionKey").isObject()) {
      ObjectNode key = given.get("encryptionKey").deepCopy();
      if (!key.has("kekType")) {
        key.put("kekType", "MicrosoftManaged");
      }
      properties.set("encryptionKey", key);
    } else {
      properties.putObject("encryptionKey").put("kekType", "MicrosoftManaged");
    }
    resource.putObject("identity").put("type", "None");
    resource.put("id", "/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/"
        + ImportExport.JOB_TYPE + "/" + name);
    resource.put("name", name);
    resource.put("type", ImportExport.JOB_TYPE);
    resource.put("location", body.get("location").asText());
    if (body.has("tags")) {
      resource.set("tags", body.get("tags").deepCopy());
    }
    touch(resource, actor, now);
    return resource;
  }

  /** The drives as stored: what the customer states, plus the state the datacenter will move on. */
  private static ArrayNode drives(JsonNode given) {
    ArrayNode drives = Json.array();
    for (JsonNode drive : given) {
      ObjectNode stored = drives.addObject();
      for (String field : JobRules.DRIVE_FIELDS) {
        if (drive.hasNonNull(field)) {
          stored.put(field, drive.get(field).asText());
        }
      }
      stored.put("state", "Specified");
    }
    return drives;
  }

  private static void touch(ObjectNode resource, Actor actor, Instant now) {
    ObjectNode systemData = (ObjectNode) resource.get("systemData");
    systemData.put("lastModifiedBy", actor.name());
    systemData.put("lastModifiedByType", actor.type());
    systemData.put("lastModifiedAt", now.toString());
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    if (from.hasNonNull(field)) {
      to.set(field, from.get(field).deepCopy());
    }
  }

  private static boolean sameLocation(Job existing, ObjectNode body) {
    return ArmLocations.normalize(existing.resource().path("location").asText())
        .equals(ArmLocations.normalize(body.path("location").asText()));
  }

  /** ARM's own wording for a resource that is not there. */
  static ArmException notFound(String resourceGroup, String jobName) {
    return new ArmException(404, "ResourceNotFound", "The Resource '" + ImportExport.JOB_TYPE + "/" + jobName
        + "' under resource group '" + resourceGroup + "' was not found. For more details please go to"
        + " https://aka.ms/ARMResourceNotFoundFix");
  }
}
