package io.seedship.localazure.importexport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.Json;
import java.time.Instant;
import java.util.Locale;

/**
 * One stored job: the JobResponse as served, except that its drives still carry their BitLocker keys. Never
 * changed in place (every change stores a new Job), so a reader holding one sees a consistent job.
 *
 * @param createdAt virtual time of the first PUT: the two-week limit of a job left in Creating counts from it
 */
public record Job(String subscriptionId, String resourceGroup, String name, Instant createdAt, ObjectNode resource) {

  public static final String CREATING = "Creating";
  public static final String SHIPPING = "Shipping";
  public static final String COMPLETED = "Completed";

  public String key() {
    return JobStore.key(subscriptionId, resourceGroup, name);
  }

  /**
   * Virtual time of the customer's last PUT or PATCH (systemData), from which Azure counts the two weeks of a job
   * left in Creating: "an update while Creating resets the timer".
   */
  public Instant lastModifiedAt() {
    String at = resource.path("systemData").path("lastModifiedAt").asText("");
    return at.isEmpty() ? createdAt : Instant.parse(at);
  }

  public String state() {
    return resource.path("properties").path("state").asText();
  }

  public String jobType() {
    return resource.path("properties").path("jobType").asText();
  }

  public boolean cancelRequested() {
    return resource.path("properties").path("cancelRequested").asBoolean(false);
  }

  /** A copy to change and store as a new Job. */
  public ObjectNode copy() {
    return resource.deepCopy();
  }

  public Job with(ObjectNode changed) {
    return new Job(subscriptionId, resourceGroup, name, createdAt, changed);
  }

  /** The job as ARM answers it: the BitLocker keys are secrets and only {@link #bitLockerKeys()} shows them. */
  public ObjectNode view() {
    ObjectNode view = resource.deepCopy();
    if (view.path("properties").get("driveList") instanceof ArrayNode drives) {
      drives.forEach(d -> ((ObjectNode) d).remove("bitLockerKey"));
    }
    return view;
  }

  /** GetBitLockerKeysResponse's value. */
  public ArrayNode bitLockerKeys() {
    ArrayNode keys = Json.array();
    for (JsonNode drive : resource.path("properties").path("driveList")) {
      ObjectNode key = keys.addObject();
      key.put("driveId", drive.path("driveId").asText());
      key.put("bitLockerKey", drive.path("bitLockerKey").asText());
    }
    return keys;
  }

  public boolean inState(String wanted) {
    return state().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT));
  }

  /** Never the resource: a Job must not reach a log with its keys. */
  @Override
  public String toString() {
    return "Job[" + resource.path("id").asText() + ", " + state() + "]";
  }
}
