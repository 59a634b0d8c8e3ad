package io.seedship.localazure.recoveryservices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.ApiVersions;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Azure Backup's REST API under a vault, for MARS (MAB) servers: protection containers, protected items, backup
 * jobs, recovery points, and a restore of local-azure's own (MARS restores through its agent, not ARM) answered as an
 * ARM asynchronous operation.
 */
@RestController
@ApiVersions({"2023-02-01", "2023-04-01", "2023-06-01", "2023-08-01", "2024-01-01", "2024-02-01", "2024-04-01",
    "2024-10-01", "2025-01-01", "2025-02-01", "2025-08-01"})
public class BackupController {

  private static final String VAULT = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
      + "/providers/Microsoft.RecoveryServices/vaults/{vaultName}";
  private static final String CONTAINER = VAULT + "/backupFabrics/{fabricName}/protectionContainers/{containerName}";
  private static final String ITEM = CONTAINER + "/protectedItems/{itemName}";
  private static final String POINT = ITEM + "/recoveryPoints/{pointName}";
  private static final Pattern CLAUSE = Pattern.compile("(\\w+)\\s+eq\\s+'([^']*)'", Pattern.CASE_INSENSITIVE);

  private final Vaults vaults;
  private final Backups backups;

  public BackupController(Vaults vaults, Backups backups) {
    this.vaults = vaults;
    this.backups = backups;
  }

  @GetMapping(VAULT + "/backupProtectionContainers")
  public ResponseEntity<String> containers(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName, @RequestParam(name = "$filter", required = false) String filter) {
    String vault = vault(subscriptionId, resourceGroupName, vaultName);
    return Json.page(mab(filter) ? backups.containers(vault) : List.of());
  }

  @GetMapping(CONTAINER)
  public ResponseEntity<String> container(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName, @PathVariable String fabricName, @PathVariable String containerName) {
    return Json.ok(backups.container(vault(subscriptionId, resourceGroupName, vaultName), fabricName, containerName));
  }

  @GetMapping(VAULT + "/backupProtectedItems")
  public ResponseEntity<String> items(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName, @RequestParam(name = "$filter", required = false) String filter) {
    String vault = vault(subscriptionId, resourceGroupName, vaultName);
    Map<String, String> clauses = clauses(filter);
    String itemType = clauses.get("itemtype");
    boolean fileFolder = itemType == null || itemType.equalsIgnoreCase("FileFolder");
    return Json.page(mab(filter) && fileFolder ? backups.items(vault) : List.of());
  }

  @GetMapping(ITEM)
  public ResponseEntity<String> item(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName, @PathVariable String fabricName, @PathVariable String containerName,
      @PathVariable String itemName) {
    return Json.ok(backups.item(vault(subscriptionId, resourceGroupName, vaultName), fabricName, containerName,
        itemName));
  }

  /** {@code $filter} clauses understood: backupManagementType, operation, status, startTime (from), endTime (to). */
  @GetMapping(VAULT + "/backupJobs")
  public ResponseEntity<String> jobs(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName, @RequestParam(name = "$filter", required = false) String filter) {
    String vault = vault(subscriptionId, resourceGroupName, vaultName);
    return Json.page(backups.jobs(vault, jobFilter(clauses(filter))));
  }

  @GetMapping(VAULT + "/backupJobs/{jobName}")
  public ResponseEntity<String> job(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName, @PathVariable String jobName) {
    return Json.ok(backups.job(vault(subscriptionId, resourceGroupName, vaultName), jobName));
  }

  @GetMapping(ITEM + "/recoveryPoints")
  public ResponseEntity<String> points(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName, @PathVariable String fabricName, @PathVariable String containerName,
      @PathVariable String itemName) {
    return Json.page(backups.points(vault(subscriptionId, resourceGroupName, vaultName), fabricName, containerName,
        itemName));
  }

  @GetMapping(POINT)
  public ResponseEntity<String> point(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName, @PathVariable String fabricName, @PathVariable String containerName,
      @PathVariable String itemName, @PathVariable String pointName) {
    return Json.ok(backups.point(vault(subscriptionId, resourceGroupName, vaultName), fabricName, containerName,
        itemName, pointName));
  }

  /** 202 with Azure-AsyncOperation (the status resource) and Location (the result), as ARM's long operations. */
  @PostMapping(POINT + "/restore")
  public ResponseEntity<String> restore(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName, @PathVariable String fabricName, @PathVariable String containerName,
      @PathVariable String itemName, @PathVariable String pointName, @RequestParam("api-version") String apiVersion,
      @RequestBody(required = false) byte[] body, HttpServletRequest request) {
    String vault = vault(subscriptionId, resourceGroupName, vaultName);
    String operation = backups.restore(vault, fabricName, containerName, itemName, pointName, Json.parseObject(body));
    String item = request.getRequestURL().toString();
    item = item.substring(0, item.toLowerCase().lastIndexOf("/recoverypoints/"));
    HttpHeaders headers = new HttpHeaders();
    headers.set("Azure-AsyncOperation", item + "/operationsStatus/" + operation + "?api-version=" + apiVersion);
    headers.set(HttpHeaders.LOCATION, item + "/operationResults/" + operation + "?api-version=" + apiVersion);
    headers.set(HttpHeaders.RETRY_AFTER, "1");
    return ResponseEntity.accepted().headers(headers).build();
  }

  @GetMapping(ITEM + "/operationsStatus/{operationId}")
  public ResponseEntity<String> operationStatus(@PathVariable String subscriptionId,
      @PathVariable String resourceGroupName, @PathVariable String vaultName, @PathVariable String fabricName,
      @PathVariable String containerName, @PathVariable String itemName, @PathVariable String operationId) {
    return Json.ok(backups.restoreStatus(vault(subscriptionId, resourceGroupName, vaultName), fabricName,
        containerName, itemName, operationId));
  }

  /** 202 while the restore runs, then 204 (its outcome is on the status resource). */
  @GetMapping(ITEM + "/operationResults/{operationId}")
  public ResponseEntity<String> operationResult(@PathVariable String subscriptionId,
      @PathVariable String resourceGroupName, @PathVariable String vaultName, @PathVariable String fabricName,
      @PathVariable String containerName, @PathVariable String itemName, @PathVariable String operationId,
      HttpServletRequest request) {
    ObjectNode status = backups.restoreStatus(vault(subscriptionId, resourceGroupName, vaultName), fabricName,
        containerName, itemName, operationId);
    if (status.path("status").asText().equals("InProgress")) {
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.LOCATION, request.getRequestURL() + "?" + request.getQueryString());
      headers.set(HttpHeaders.RETRY_AFTER, "1");
      return ResponseEntity.accepted().headers(headers).build();
    }
    return ResponseEntity.noContent().build();
  }

  /** The vault's id as stored (404 if absent), after the agents caught up with the clock. */
  private String vault(String subscriptionId, String resourceGroupName, String vaultName) {
    String id = vaults.require(subscriptionId, resourceGroupName, vaultName).get("id").asText();
    backups.sweep();
    return id;
  }

  private static boolean mab(String filter) {
    String type = clauses(filter).get("backupmanagementtype");
    return type == null || type.equalsIgnoreCase("MAB");
  }

  /** {@code field eq 'value'} clauses joined by {@code and}, field names lower case. */
  static Map<String, String> clauses(String filter) {
    Map<String, String> clauses = new LinkedHashMap<>();
    if (filter == null || filter.isBlank()) {
      return clauses;
    }
    Matcher m = CLAUSE.matcher(filter);
    while (m.find()) {
      clauses.put(m.group(1).toLowerCase(), m.group(2));
    }
    if (clauses.isEmpty()) {
      throw new ArmException(400, "BMSUserErrorInvalidFilter", "The $filter '" + filter + "' is not understood:"
          + " use clauses like backupManagementType eq 'MAB' joined by 'and'.", "$filter");
    }
    return clauses;
  }

  private static Predicate<ObjectNode> jobFilter(Map<String, String> clauses) {
    Predicate<ObjectNode> filter = job -> true;
    for (Map.Entry<String, String> clause : clauses.entrySet()) {
      String value = clause.getValue();
      switch (clause.getKey()) {
        case "backupmanagementtype", "operation", "status" -> {
          String field = clause.getKey().equals("backupmanagementtype") ? "backupManagementType" : clause.getKey();
          filter = filter.and(job -> job.path("properties").path(field).asText().equalsIgnoreCase(value));
        }
        case "starttime" -> {
          Instant from = time(value);
          filter = filter.and(job -> !Instant.parse(job.path("properties").path("startTime").asText()).isBefore(from));
        }
        case "endtime" -> {
          Instant to = time(value);
          filter = filter.and(job -> !Instant.parse(job.path("properties").path("startTime").asText()).isAfter(to));
        }
        default -> {
          // other clauses (jobId, ...) are not modelled: they keep every job
        }
      }
    }
    return filter;
  }

  private static Instant time(String text) {
    Instant time = Backups.parseTime(text);
    if (time == null) {
      throw new ArmException(400, "BMSUserErrorInvalidFilter", "The time '" + text + "' in $filter is not"
          + " understood: use 'yyyy-MM-dd hh:mm:ss AM' (UTC) or ISO-8601.", "$filter");
    }
    return time;
  }
}
