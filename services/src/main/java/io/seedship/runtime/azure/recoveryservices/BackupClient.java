package io.seedship.runtime.azure.recoveryservices;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.runtime.azure.core.ArmRest;
import io.seedship.runtime.azure.core.AzureException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Azure Backup for MARS (MAB) servers, over the Recovery Services REST API (raw ARM JSON through the management
 * pipeline: its retries and token): where a backup server is registered, its protected item, backup jobs and
 * recovery points, and local-azure's restore of a recovery point into a blob container. One subscription per client.
 */
public final class BackupClient {

  public static final String API_VERSION = "2024-04-01";
  /** Vaults themselves (Microsoft.RecoveryServices/vaults) have their own api-versions. */
  static final String VAULTS_API_VERSION = "2023-04-01";
  private static final String MAB = "backupManagementType eq 'MAB'";
  /** The Backup API's job filters take times as UTC in this form. */
  private static final DateTimeFormatter FILTER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd hh:mm:ss a",
      Locale.US);

  public record RegisteredServer(String vaultId, String containerName, String serverName) {
  }

  public record ProtectedItem(String id, String vaultId, String serverName, String protectionState,
      String lastBackupStatus, OffsetDateTime lastBackupTime, int recoveryPointCount) {
  }

  public record BackupJob(String id, String name, String operation, String status, OffsetDateTime startTime,
      OffsetDateTime endTime, Long bytesTransferred, Long bytesTotal, String errorMessage) {
  }

  public record RecoveryPoint(String id, String name, OffsetDateTime time, String type) {
  }

  public enum RestoreStatus { IN_PROGRESS, SUCCEEDED, FAILED }

  /** A restore operation's state; {@code errorCode} and {@code errorMessage} only when it failed. */
  public record RestoreOperation(RestoreStatus status, String errorCode, String errorMessage) {
  }

  private final ArmRest rest;
  private final String subscriptionId;

  public BackupClient(ArmRest rest, String subscriptionId) {
    this.rest = rest;
    this.subscriptionId = subscriptionId;
  }

  /** The vault of the subscription where a server is registered (friendlyName match, case-insensitive), across all its vaults. */
  public Optional<RegisteredServer> findServer(String serverName) {
    for (JsonNode vault : pages("list vaults", rest.url("/subscriptions/" + ArmRest.segment(subscriptionId)
        + "/providers/Microsoft.RecoveryServices/vaults", Map.of("api-version", VAULTS_API_VERSION)))) {
      String vaultId = vault.path("id").asText();
      for (JsonNode container : pages("list backup servers of vault " + vault.path("name").asText(),
          url(vaultId + "/backupProtectionContainers", MAB))) {
        if (container.at("/properties/friendlyName").asText().equalsIgnoreCase(serverName)) {
          return Optional.of(new RegisteredServer(vaultId, container.path("name").asText(),
              container.at("/properties/friendlyName").asText()));
        }
      }
    }
    return Optional.empty();
  }

  /** The server's protected items (MARS: one, its files and folders). */
  public List<ProtectedItem> protectedItems(String vaultId, String serverName) {
    List<ProtectedItem> items = new ArrayList<>();
    for (JsonNode item : pages("list protected items of " + serverName, url(vaultId + "/backupProtectedItems", MAB))) {
      JsonNode properties = item.path("properties");
      String computer = properties.path("computerName").asText(properties.path("containerName").asText());
      if (computer.equalsIgnoreCase(serverName)) {
        items.add(new ProtectedItem(item.path("id").asText(), vaultId, computer,
            text(properties, "protectionState"), text(properties, "lastBackupStatus"),
            time(properties.path("lastBackupTime")), properties.at("/extendedInfo/recoveryPointCount").asInt(0)));
      }
    }
    return items;
  }

  /** The server's backup jobs that started at or after {@code since}, oldest first. */
  public List<BackupJob> backupJobs(String vaultId, String serverName, OffsetDateTime since) {
    String filter = MAB + " and operation eq 'Backup' and startTime eq '"
        + FILTER_TIME.format(since.withOffsetSameInstant(ZoneOffset.UTC)) + "'";
    List<BackupJob> jobs = new ArrayList<>();
    for (JsonNode job : pages("list backup jobs of " + serverName, url(vaultId + "/backupJobs", filter))) {
      JsonNode properties = job.path("properties");
      String server = properties.path("mabServerName").asText(properties.path("entityFriendlyName").asText());
      OffsetDateTime start = time(properties.path("startTime"));
      if (!server.equalsIgnoreCase(serverName) || start == null || start.isBefore(since)) {
        continue;
      }
      JsonNode bag = properties.at("/extendedInfo/propertyBag");
      String error = text(properties.path("extendedInfo"), "dynamicErrorMessage");
      if (error == null && properties.path("errorDetails").isArray() && !properties.path("errorDetails").isEmpty()) {
        error = text(properties.path("errorDetails").get(0), "errorString");
      }
      jobs.add(new BackupJob(job.path("id").asText(), job.path("name").asText(), text(properties, "operation"),
          text(properties, "status"), start, time(properties.path("endTime")), bytes(bag, "Bytes Transferred"),
          bytes(bag, "Bytes Total"), error));
    }
    jobs.sort(Comparator.comparing(BackupJob::startTime));
    return jobs;
  }

  /** Oldest first. */
  public List<RecoveryPoint> recoveryPoints(String protectedItemId) {
    List<RecoveryPoint> points = new ArrayList<>();
    for (JsonNode point : pages("list recovery points of " + protectedItemId,
        url(protectedItemId + "/recoveryPoints", null))) {
      JsonNode properties = point.path("properties");
      points.add(new RecoveryPoint(point.path("id").asText(), point.path("name").asText(),
          time(properties.path("recoveryPointTime")), text(properties, "recoveryPointType")));
    }
    points.sort(Comparator.comparing(RecoveryPoint::time, Comparator.nullsFirst(Comparator.naturalOrder())));
    return points;
  }

  /** Starts a restore of a recovery point's data into a container; returns the operation's URL to poll. */
  public String startRestore(String recoveryPointId, String targetStorageAccountId, String targetContainer) {
    ObjectNode body = ArmRest.JSON.createObjectNode();
    body.putObject("properties")
        .put("objectType", "MabRestoreRequest")
        .put("targetStorageAccountId", targetStorageAccountId)
        .put("targetContainer", targetContainer);
    ArmRest.Reply reply = rest.exchange("restore " + recoveryPointId + " into " + targetContainer, HttpMethod.POST,
        url(recoveryPointId + "/restore", null), body, Set.of(202));
    String operation = reply.header("Azure-AsyncOperation");
    if (operation == null || operation.isBlank()) {
      throw new AzureException(202, "NoAsyncOperation", "restore " + recoveryPointId + ": the answer names no"
          + " Azure-AsyncOperation to follow", null, null);
    }
    return operation;
  }

  /**
   * IN_PROGRESS, SUCCEEDED or FAILED; a failed restore does not throw (a failure is an answer here), its reason is
   * in {@link #restore(String)}.
   */
  public RestoreStatus restoreStatus(String operationUrl) {
    return restore(operationUrl).status();
  }

  /** The restore operation with, when it failed, ARM's error code and message (no secrets: names and causes). */
  public RestoreOperation restore(String operationUrl) {
    JsonNode status = rest.send("get restore status", HttpMethod.GET, operationUrl, null, Set.of(200),
        ArmRest.JSON.constructType(JsonNode.class));
    String value = status == null ? "" : status.path("status").asText();
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "succeeded" -> new RestoreOperation(RestoreStatus.SUCCEEDED, null, null);
      case "failed", "canceled", "cancelled" -> new RestoreOperation(RestoreStatus.FAILED,
          status.at("/error/code").asText(value), status.at("/error/message").asText("the restore " + value));
      default -> new RestoreOperation(RestoreStatus.IN_PROGRESS, null, null);
    };
  }

  /** Every item of a list, following nextLink. */
  private List<JsonNode> pages(String what, String firstUrl) {
    List<JsonNode> items = new ArrayList<>();
    String url = firstUrl;
    while (url != null) {
      JsonNode page = rest.send(what, HttpMethod.GET, url, null, Set.of(200),
          ArmRest.JSON.constructType(JsonNode.class));
      if (page == null) {
        break;
      }
      page.path("value").forEach(items::add);
      String next = page.path("nextLink").asText("");
      url = next.isBlank() ? null : next;
    }
    return items;
  }

  /** {@code id} is an ARM id (leading slash), as the API hands them out. */
  private String url(String id, String filter) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("api-version", API_VERSION);
    query.put("$filter", filter);
    return rest.url(id, query);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  private static Long bytes(JsonNode bag, String field) {
    String value = text(bag, field);
    try {
      return value == null ? null : Long.valueOf(value.trim());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static OffsetDateTime time(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(node.asText());
    } catch (DateTimeParseException noOffset) {
      // the Backup API also writes times without an offset, meaning UTC
      return java.time.LocalDateTime.parse(node.asText()).atOffset(ZoneOffset.UTC);
    }
  }
}
