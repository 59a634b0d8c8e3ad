package io.seedship.localazure.recoveryservices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.arm.ResourceGroups;
import io.seedship.localazure.clock.VirtualClock;
import io.seedship.localazure.importexport.Job;
import io.seedship.localazure.importexport.JobStore;
import io.seedship.localazure.storage.BlobService;
import io.seedship.localazure.storage.BlobService.BlobRequestException;
import io.seedship.localazure.storage.StorageAccounts;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Azure Backup's side of offline seeding for MARS agents (MAB): backup servers registered with vaults, their one
 * protected item, scheduled backup jobs on the virtual clock, recovery points and restores.
 *
 * <p>At each schedule time the agent wakes: while its offline-seeding import job does not exist yet (the disk-prep
 * tool creates it after the agent is set up) or is not finished, it does nothing;
 * once the job is Completed it runs the seeding backup, copying the imported blobs into the vault's storage on a
 * worker (the first recovery point, Full); a job that ended Closed or cancelled, or imported blobs that are not
 * there, fail that backup job. Later schedule times take incremental recovery points (no data of their own here:
 * the model carries only the seed). If the clock jumps over several schedule times, only the latest runs, as an
 * agent that was asleep would. Everything lives in memory: a local-azure restart forgets servers, jobs and points,
 * and does not resume a copy.
 */
@Component
public class Backups {

  private static final Logger log = LoggerFactory.getLogger(Backups.class);

  static final String FABRIC = "Azure";
  /** The one protected item of a server: its files and folders (here, the seed). */
  static final String ITEM = "FileFolder";
  private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  /** Blob container names: 3-63 lowercase letters, digits and single hyphens, starting and ending alphanumeric. */
  static final Pattern CONTAINER_NAME = Pattern.compile("(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
  private static final Pattern VAULT_ID = Pattern.compile(
      "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.RecoveryServices/vaults/([^/]+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
  private static final List<String> FIELDS = List.of("vaultId", "scheduleTimes", "offlineSeeding");
  private static final List<String> SEEDING_FIELDS = List.of("importJobName", "storageAccountId", "container",
      "blobPrefix");

  record Seeding(String importJobName, String storageAccountId, String container, String blobPrefix) {
  }

  record Point(String name, Instant time, String type) {
  }

  /** A registered server and its protected item; guarded by the Backups monitor. */
  static final class Server {
    final String name;
    final String vaultId;
    final Instant registeredAt;
    List<LocalTime> schedule;
    Seeding seeding;
    ObjectNode settings;
    Instant checkedUpTo;
    BackupJob running;
    final List<Point> points = new ArrayList<>();
    /** The seed's blobs as copied into the vault (names as imported) and the point holding them. */
    List<BlobService.Listed> seedBlobs = List.of();
    String seedPoint;
    String lastBackupStatus;
    Instant lastBackupTime;

    Server(String name, String vaultId, Instant registeredAt) {
      this.name = name;
      this.vaultId = vaultId;
      this.registeredAt = registeredAt;
      this.checkedUpTo = registeredAt;
    }

    String containerId() {
      return vaultId + "/backupFabrics/" + FABRIC + "/protectionContainers/" + name;
    }

    String itemId() {
      return containerId() + "/protectedItems/" + ITEM;
    }

    boolean needsSeed() {
      return seeding != null && seedPoint == null;
    }
  }

  /** A backup job; workers move its progress, completion happens under the Backups monitor. */
  static final class BackupJob {
    final String name = UUID.randomUUID().toString();
    final String vaultId;
    final String server;
    final Instant start;
    final String pointType;
    final String pointName;
    final AtomicLong bytesDone = new AtomicLong();
    volatile long bytesTotal;
    volatile String status = "InProgress";
    volatile Instant end;
    volatile String error;

    BackupJob(Server server, Instant start, String pointType) {
      this.vaultId = server.vaultId;
      this.server = server.name;
      this.start = start;
      this.pointType = pointType;
      this.pointName = Long.toString(start.toEpochMilli());
    }
  }

  /** A restore of a recovery point into a customer's container. */
  static final class Restore {
    final String id = UUID.randomUUID().toString();
    final String itemId;
    final Instant start;
    volatile String status = "InProgress";
    volatile Instant end;
    volatile String errorCode;
    volatile String errorMessage;

    Restore(String itemId, Instant start) {
      this.itemId = itemId;
      this.start = start;
    }
  }

  private final Vaults vaults;
  private final JobStore importJobs;
  private final StorageAccounts storageAccounts;
  private final VaultStorage storage;
  private final VirtualClock clock;
  private final ExecutorService workers;
  private final long bytesPerSecond;
  private final Duration retention;
  /** Server name (lower case) to server: a server registers with one vault. */
  private final Map<String, Server> servers = new LinkedHashMap<>();
  private final Map<String, BackupJob> jobs = new LinkedHashMap<>();
  private final Map<String, Restore> restores = new LinkedHashMap<>();

  public Backups(Vaults vaults, JobStore importJobs, StorageAccounts storageAccounts, VaultStorage storage,
      VirtualClock clock, LocalAzureProperties properties) {
    this.vaults = vaults;
    this.importJobs = importJobs;
    this.storageAccounts = storageAccounts;
    this.storage = storage;
    this.clock = clock;
    this.bytesPerSecond = properties.getBackup().getBytesPerSecond();
    this.retention = properties.getBackup().getRetention();
    this.workers = Executors.newFixedThreadPool(properties.getBackup().getCopyThreads(), r -> {
      Thread thread = new Thread(r, "backup-copy");
      thread.setDaemon(true);
      return thread;
    });
  }

  @PreDestroy
  public void stop() {
    workers.shutdownNow();
  }

  // ---- registration (the MARS wizard) ----

  /** Registers or re-registers a server; true when it is new. */
  public synchronized boolean register(String serverName, ObjectNode body) {
    if (!SERVER_NAME.matcher(serverName).matches()) {
      throw invalid("serverName", "The server name (serverName) '" + serverName + "' is invalid: use 1 to 63 letters, digits,"
          + " '.', '_' and '-', starting with a letter or digit.");
    }
    body.fieldNames().forEachRemaining(field -> {
      if (!FIELDS.contains(field)) {
        throw invalid(field, "'" + field + "' is not a registration setting; they are " + FIELDS + ".");
      }
    });
    String vaultId = vaultId(body.get("vaultId"));
    List<LocalTime> schedule = schedule(body.get("scheduleTimes"));
    Seeding seeding = seeding(body.get("offlineSeeding"));
    ObjectNode settings = settings(vaultId, schedule, seeding);
    String key = serverName.toLowerCase(Locale.ROOT);
    Server existing = servers.get(key);
    if (existing != null) {
      if (!existing.vaultId.equalsIgnoreCase(vaultId)) {
        throw ArmException.conflict("ServerRegisteredElsewhere", "Server '" + existing.name + "' is registered"
            + " with vault " + existing.vaultId + "; a server registers with one vault.");
      }
      if (existing.settings.equals(settings)) {
        return false;
      }
      if (!java.util.Objects.equals(existing.seeding, seeding) && !existing.points.isEmpty()) {
        throw ArmException.conflict("ServerAlreadyBackedUp", "Server '" + existing.name + "' already has recovery"
            + " points; its offline seeding cannot change.");
      }
      existing.schedule = schedule;
      existing.seeding = seeding;
      existing.settings = settings;
      return false;
    }
    Server server = new Server(serverName, vaultId, clock.instant());
    server.schedule = schedule;
    server.seeding = seeding;
    server.settings = settings;
    servers.put(key, server);
    log.info("backup server {} registered with vault {}{}", serverName, vaultId,
        seeding == null ? "" : ", offline seeding from import job " + seeding.importJobName());
    return true;
  }

  public synchronized Optional<ObjectNode> registration(String serverName) {
    Server server = servers.get(serverName.toLowerCase(Locale.ROOT));
    if (server == null) {
      return Optional.empty();
    }
    ObjectNode view = Json.object();
    view.put("serverName", server.name);
    view.setAll(server.settings.deepCopy());
    view.put("protectionContainerId", server.containerId());
    view.put("protectedItemId", server.itemId());
    view.put("protectionState", server.points.isEmpty() ? "IRPending" : "Protected");
    return Optional.of(view);
  }

  private String vaultId(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw invalid("vaultId", "'vaultId' is required: the ARM id of a Recovery Services vault.");
    }
    Matcher m = VAULT_ID.matcher(node.asText());
    if (!m.matches()) {
      throw invalid("vaultId", "'vaultId' must be the ARM id of a Recovery Services vault"
          + " (/subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.RecoveryServices/vaults/{name}), not '"
          + node.asText() + "'.");
    }
    return vaults.require(m.group(1), m.group(2), m.group(3)).get("id").asText();
  }

  private static List<LocalTime> schedule(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of(LocalTime.of(22, 0));
    }
    if (!node.isArray() || node.isEmpty() || node.size() > 3) {
      throw invalid("scheduleTimes", "'scheduleTimes' must list one to three UTC times of day like \"22:00\".");
    }
    List<LocalTime> times = new ArrayList<>();
    for (JsonNode time : node) {
      if (!time.isTextual() || !TIME.matcher(time.asText()).matches()) {
        throw invalid("scheduleTimes", "'scheduleTimes' holds '" + time.asText() + "', not a time of day like"
            + " \"22:00\".");
      }
      LocalTime parsed = LocalTime.parse(time.asText());
      if (!times.contains(parsed)) {
        times.add(parsed);
      }
    }
    times.sort(Comparator.naturalOrder());
    return List.copyOf(times);
  }

  private Seeding seeding(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw invalid("offlineSeeding", "'offlineSeeding' must be an object.");
    }
    node.fieldNames().forEachRemaining(field -> {
      if (!SEEDING_FIELDS.contains(field)) {
        throw invalid("offlineSeeding." + field, "'offlineSeeding." + field + "' is not a setting; they are "
            + SEEDING_FIELDS + ".");
      }
    });
    String job = text(node, "importJobName");
    String account = text(node, "storageAccountId");
    String container = text(node, "container");
    if (storageAccounts.byId(account).isEmpty()) {
      throw invalid("offlineSeeding.storageAccountId", "'offlineSeeding.storageAccountId' names no storage account"
          + " local-azure has: '" + account + "'.");
    }
    if (!CONTAINER_NAME.matcher(container).matches()) {
      throw invalid("offlineSeeding.container", "'offlineSeeding.container' is not a valid container name: '"
          + container + "'.");
    }
    JsonNode prefix = node.get("blobPrefix");
    if (prefix != null && !prefix.isNull() && !prefix.isTextual()) {
      throw invalid("offlineSeeding.blobPrefix", "'offlineSeeding.blobPrefix' must be a string.");
    }
    String blobPrefix = prefix == null || prefix.isNull() ? "" : prefix.asText();
    String canonical = storageAccounts.byId(account).get().get("id").asText();
    return new Seeding(job, canonical, container, blobPrefix);
  }

  private static String text(JsonNode seeding, String field) {
    JsonNode value = seeding.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw invalid("offlineSeeding." + field, "'offlineSeeding." + field + "' is required.");
    }
    return value.asText();
  }

  private static ObjectNode settings(String vaultId, List<LocalTime> schedule, Seeding seeding) {
    ObjectNode settings = Json.object();
    settings.put("vaultId", vaultId);
    ArrayNode times = settings.putArray("scheduleTimes");
    schedule.forEach(t -> times.add(t.toString()));
    if (seeding != null) {
      settings.putObject("offlineSeeding")
          .put("importJobName", seeding.importJobName())
          .put("storageAccountId", seeding.storageAccountId())
          .put("container", seeding.container())
          .put("blobPrefix", seeding.blobPrefix());
    }
    return settings;
  }

  private static ArmException invalid(String field, String message) {
    return new ArmException(400, "InvalidRequestContent", message, field);
  }

  // ---- the agent's schedule ----

  /** Runs on a timer and before each answer, so a test that moved the clock sees the agents catch up. */
  @Scheduled(fixedDelay = 250)
  public void sweep() {
    List<Runnable> copies = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      for (Server server : servers.values()) {
        Instant slot = latestSlot(server.schedule, server.checkedUpTo, now);
        if (slot == null) {
          continue;
        }
        server.checkedUpTo = now;
        if (server.running != null) {
          log.info("backup server {}: the {} backup is skipped, the one started {} still runs", server.name, slot,
              server.running.start);
          continue;
        }
        scheduled(server, slot, now, copies);
      }
      expire(now.minus(retention));
    }
    copies.forEach(workers::execute);
  }

  /** Drops finished jobs and incremental points from before {@code cutoff}. */
  private void expire(Instant cutoff) {
    jobs.values().removeIf(j -> j.end != null && j.end.isBefore(cutoff));
    for (Server server : servers.values()) {
      server.points.removeIf(p -> p.type().equals("Incremental") && p.time().isBefore(cutoff));
    }
  }

  /** The latest schedule time in (after, upTo], or null. */
  static Instant latestSlot(List<LocalTime> schedule, Instant after, Instant upTo) {
    LocalDate today = LocalDate.ofInstant(upTo, ZoneOffset.UTC);
    for (LocalDate day = today; !day.isBefore(today.minusDays(1)); day = day.minusDays(1)) {
      for (int i = schedule.size() - 1; i >= 0; i--) {
        Instant slot = day.atTime(schedule.get(i)).toInstant(ZoneOffset.UTC);
        if (!slot.isAfter(upTo)) {
          return slot.isAfter(after) ? slot : null;
        }
      }
    }
    return null;
  }

  private void scheduled(Server server, Instant slot, Instant now, List<Runnable> copies) {
    if (server.needsSeed()) {
      Seeding seeding = server.seeding;
      Optional<Job> importJob = importJob(seeding);
      if (importJob.isEmpty()) {
        // the agent is set up before the disk-prep tool creates the job: it waits for it, as for an import under way
        return;
      }
      Job job = importJob.get();
      boolean completed = job.inState(Job.COMPLETED);
      if (completed && !job.cancelRequested()) {
        BackupJob backup = start(server, slot, "Full");
        copies.add(() -> seed(server, backup, seeding));
      } else if (completed || job.inState("Closed")) {
        failed(server, slot, "The offline backup's import job '" + job.name() + "' ended "
            + (job.cancelRequested() ? "cancelled" : job.state()) + ": its data never reached Azure, so the initial"
            + " backup cannot use it. Start a new offline backup or an online one.");
      }
      // otherwise the import is still under way: the agent waits for its next schedule time
      return;
    }
    // an online backup of data the model does not carry: done as soon as started
    BackupJob backup = start(server, slot, server.points.isEmpty() ? "Full" : "Incremental");
    Instant end = slot.plus(Duration.ofSeconds(30));
    completed(server, backup, end.isAfter(now) ? now : end);
  }

  private Optional<Job> importJob(Seeding seeding) {
    String subscription = seeding.storageAccountId().split("/")[2];
    List<Job> named = importJobs.all().stream()
        .filter(j -> j.subscriptionId().equalsIgnoreCase(subscription)
            && j.name().equalsIgnoreCase(seeding.importJobName()))
        .toList();
    return named.stream()
        .filter(j -> j.resource().path("properties").path("storageAccountId").asText()
            .equalsIgnoreCase(seeding.storageAccountId()))
        .findFirst()
        .or(() -> named.stream().findFirst());
  }

  private BackupJob start(Server server, Instant slot, String type) {
    BackupJob job = new BackupJob(server, slot, type);
    jobs.put(jobKey(server.vaultId, job.name), job);
    server.running = job;
    log.info("backup server {}: {} backup job {} started at {}", server.name, type, job.name, slot);
    return job;
  }

  private void failed(Server server, Instant slot, String message) {
    BackupJob job = start(server, slot, "Full");
    finish(server, job, "Failed", slot, message);
  }

  /** The worker's part of a seeding backup: the imported blobs into the vault's storage. */
  private void seed(Server server, BackupJob job, Seeding seeding) {
    try {
      ObjectNode account = storageAccounts.byId(seeding.storageAccountId()).orElseThrow(() -> new IOException(
          "the storage account " + seeding.storageAccountId() + " the data was imported into no longer exists"));
      BlobService source = storage.customer(account);
      List<BlobService.Listed> blobs;
      try {
        blobs = source.list(seeding.container(), seeding.blobPrefix());
      } catch (BlobRequestException e) {
        if (e.status != 404) {
          throw e;
        }
        blobs = List.of();
      }
      if (blobs.isEmpty()) {
        throw new IOException("no imported blobs under '" + seeding.blobPrefix() + "' in container '"
            + seeding.container() + "' of storage account " + account.path("name").asText()
            + ": the imported data is missing");
      }
      job.bytesTotal = blobs.stream().mapToLong(BlobService.Listed::length).sum();
      BlobService vault = storage.vaults();
      String container = VaultStorage.container(server.vaultId);
      vault.createContainer(container);
      for (BlobService.Listed blob : blobs) {
        try {
          VaultStorage.copy(source, seeding.container(), blob.name(), blob.length(), vault, container,
              dataPrefix(server, job.pointName) + blob.name(), n -> {
                job.bytesDone.addAndGet(n);
                throttle(n);
              });
        } catch (BlobRequestException e) {
          if (e.status == 404) {
            throw new IOException("the imported blob " + blob.name() + " disappeared during the backup");
          }
          throw e;
        }
      }
      synchronized (this) {
        server.seedBlobs = List.copyOf(blobs);
        server.seedPoint = job.pointName;
        completed(server, job, clock.instant());
      }
    } catch (Exception e) {
      log.info("backup server {}: seeding backup job {} failed: {}", server.name, job.name, e.getMessage());
      synchronized (this) {
        finish(server, job, "Failed", clock.instant(), "The initial backup from the offline seed failed: "
            + e.getMessage());
      }
    }
  }

  /** Holds the worker as long as {@code bytes} take at the agent's bandwidth. */
  private void throttle(long bytes) {
    if (bytesPerSecond > 0) {
      try {
        Thread.sleep(bytes * 1000 / bytesPerSecond);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("local-azure is stopping");
      }
    }
  }

  private void completed(Server server, BackupJob job, Instant end) {
    server.points.add(new Point(job.pointName, job.start, job.pointType));
    server.lastBackupTime = job.start;
    finish(server, job, "Completed", end, null);
  }

  private void finish(Server server, BackupJob job, String status, Instant end, String error) {
    job.error = error;
    job.end = end.isBefore(job.start) ? job.start : end;
    job.status = status;
    server.lastBackupStatus = status;
    if (server.running == job) {
      server.running = null;
    }
    log.info("backup server {}: backup job {} {}", server.name, job.name, status);
  }

  private static String dataPrefix(Server server, String point) {
    return server.name.toLowerCase(Locale.ROOT) + "/" + point + "/";
  }

  // ---- what the REST API reads ----

  /** The vault's servers (protection containers), as MAB lists them. */
  public synchronized List<ObjectNode> containers(String vaultId) {
    return inVault(vaultId).stream().map(this::containerView).toList();
  }

  public synchronized ObjectNode container(String vaultId, String fabric, String containerName) {
    return containerView(server(vaultId, fabric, containerName));
  }

  public synchronized List<ObjectNode> items(String vaultId) {
    return inVault(vaultId).stream().map(this::itemView).toList();
  }

  public synchronized ObjectNode item(String vaultId, String fabric, String containerName, String itemName) {
    return itemView(item(server(vaultId, fabric, containerName), itemName));
  }

  /** The vault's jobs, newest first, those {@code filter} keeps. */
  public synchronized List<ObjectNode> jobs(String vaultId, Predicate<ObjectNode> filter) {
    List<ObjectNode> result = new ArrayList<>();
    jobs.values().stream()
        .filter(j -> j.vaultId.equalsIgnoreCase(vaultId))
        .sorted(Comparator.comparing((BackupJob j) -> j.start).reversed())
        .map(this::jobView)
        .filter(filter)
        .forEach(result::add);
    return result;
  }

  public synchronized ObjectNode job(String vaultId, String jobName) {
    BackupJob job = jobs.get(jobKey(vaultId, jobName));
    if (job == null) {
      throw ArmException.notFound("BMSUserErrorJobNotFound", "The job '" + jobName + "' was not found in the vault.");
    }
    return jobView(job);
  }

  /** Oldest first. */
  public synchronized List<ObjectNode> points(String vaultId, String fabric, String containerName, String itemName) {
    Server server = item(server(vaultId, fabric, containerName), itemName);
    return server.points.stream().map(p -> pointView(server, p)).toList();
  }

  public synchronized ObjectNode point(String vaultId, String fabric, String containerName, String itemName,
      String pointName) {
    Server server = item(server(vaultId, fabric, containerName), itemName);
    return pointView(server, point(server, pointName));
  }

  // ---- restore ----

  /** Starts copying a recovery point's data into a customer's container; answers the operation's id. */
  public String restore(String vaultId, String fabric, String containerName, String itemName, String pointName,
      ObjectNode body) {
    Server server;
    Restore restore;
    synchronized (this) {
      server = item(server(vaultId, fabric, containerName), itemName);
      point(server, pointName);
    }
    JsonNode properties = body.path("properties");
    if (!"MabRestoreRequest".equals(properties.path("objectType").asText())) {
      throw invalid("properties.objectType", "'properties.objectType' must be 'MabRestoreRequest' for a MARS"
          + " (MAB) protected item, not '" + properties.path("objectType").asText() + "'.");
    }
    String accountId = properties.path("targetStorageAccountId").asText("");
    if (accountId.isBlank()) {
      throw invalid("properties.targetStorageAccountId", "'properties.targetStorageAccountId' is required.");
    }
    ObjectNode account = storageAccounts.byId(accountId).orElseThrow(() -> invalid(
        "properties.targetStorageAccountId", "The target storage account '" + accountId + "' was not found."));
    String container = properties.path("targetContainer").asText("");
    if (!CONTAINER_NAME.matcher(container).matches()) {
      throw invalid("properties.targetContainer", "'properties.targetContainer' is not a valid container name: '"
          + container + "'.");
    }
    List<BlobService.Listed> blobs;
    String seedPoint;
    synchronized (this) {
      restore = new Restore(server.itemId(), clock.instant());
      restores.put(restore.id, restore);
      // every point holds the seed's data: incremental points change nothing the model carries
      blobs = server.seedBlobs;
      seedPoint = server.seedPoint;
    }
    Restore started = restore;
    workers.execute(() -> copyBack(server, started, blobs, seedPoint, account, container));
    return restore.id;
  }

  private void copyBack(Server server, Restore restore, List<BlobService.Listed> blobs, String seedPoint,
      ObjectNode account, String container) {
    try {
      BlobService target = storage.customer(account);
      target.createContainer(container);
      if (!blobs.isEmpty()) {
        BlobService vault = storage.vaults();
        for (BlobService.Listed blob : blobs) {
          VaultStorage.copy(vault, VaultStorage.container(server.vaultId), dataPrefix(server, seedPoint) + blob.name(),
              blob.length(), target, container, blob.name(), n -> { });
        }
      }
      restore.status = "Succeeded";
    } catch (Exception e) {
      log.info("restore {} of backup server {} failed: {}", restore.id, server.name, e.getMessage());
      restore.errorCode = "UserErrorRestoreFailed";
      restore.errorMessage = "The restore into container '" + container + "' failed: " + e.getMessage();
      restore.status = "Failed";
    } finally {
      restore.end = clock.instant();
    }
  }

  /** The restore's status resource, if {@code operationId} is one of the item's. */
  public synchronized ObjectNode restoreStatus(String vaultId, String fabric, String containerName, String itemName,
      String operationId) {
    Server server = item(server(vaultId, fabric, containerName), itemName);
    Restore restore = restores.get(operationId.toLowerCase(Locale.ROOT));
    if (restore == null || !restore.itemId.equals(server.itemId())) {
      throw ArmException.notFound("BMSUserErrorOperationNotFound", "The operation '" + operationId
          + "' was not found.");
    }
    ObjectNode view = Json.object();
    view.put("id", operationId);
    view.put("name", operationId);
    view.put("status", restore.status);
    view.put("startTime", restore.start.toString());
    if (restore.end != null && !restore.status.equals("InProgress")) {
      view.put("endTime", restore.end.toString());
    }
    if (restore.status.equals("Failed")) {
      view.putObject("error").put("code", restore.errorCode).put("message", restore.errorMessage);
    }
    return view;
  }

  // ---- views, as the Recovery Services API shapes them ----

  private ObjectNode containerView(Server server) {
    ObjectNode view = Json.object();
    view.put("id", server.containerId());
    view.put("name", server.name);
    view.put("type", "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers");
    ObjectNode properties = view.putObject("properties");
    properties.put("friendlyName", server.name);
    properties.put("backupManagementType", "MAB");
    properties.put("registrationStatus", "Registered");
    properties.put("healthStatus", "Healthy");
    properties.put("containerType", "Windows");
    properties.put("protectableObjectType", "MABWindowsContainer");
    properties.put("canReRegister", true);
    properties.put("containerId", Math.abs((long) server.containerId().toLowerCase(Locale.ROOT).hashCode()));
    properties.put("protectedItemCount", 1);
    properties.put("agentVersion", "2.0.9999.0");
    ObjectNode extended = properties.putObject("extendedInfo");
    extended.put("lastRefreshedAt", clock.instant().toString());
    extended.put("lastBackupStatus", server.lastBackupStatus == null ? "" : server.lastBackupStatus);
    return view;
  }

  private ObjectNode itemView(Server server) {
    ObjectNode view = Json.object();
    view.put("id", server.itemId());
    view.put("name", ITEM);
    view.put("type", "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems");
    ObjectNode properties = view.putObject("properties");
    properties.put("protectedItemType", "MabFileFolderProtectedItem");
    properties.put("backupManagementType", "MAB");
    properties.put("workloadType", "FileFolder");
    properties.put("containerName", server.name);
    properties.put("friendlyName", server.name);
    properties.put("computerName", server.name);
    properties.put("protectionState", server.points.isEmpty() ? "IRPending" : "Protected");
    if (server.lastBackupStatus != null) {
      properties.put("lastBackupStatus", server.lastBackupStatus);
    }
    if (server.lastBackupTime != null) {
      properties.put("lastBackupTime", server.lastBackupTime.toString());
      properties.put("lastRecoveryPoint", server.lastBackupTime.toString());
    }
    properties.put("isScheduledForDeferredDelete", false);
    properties.put("deferredDeleteSyncTimeInUTC", 0);
    ObjectNode extended = properties.putObject("extendedInfo");
    extended.put("lastRefreshedAt", clock.instant().toString());
    if (!server.points.isEmpty()) {
      extended.put("oldestRecoveryPoint", server.points.get(0).time().toString());
    }
    extended.put("recoveryPointCount", server.points.size());
    return view;
  }

  private ObjectNode jobView(BackupJob job) {
    ObjectNode view = Json.object();
    view.put("id", job.vaultId + "/backupJobs/" + job.name);
    view.put("name", job.name);
    view.put("type", "Microsoft.RecoveryServices/vaults/backupJobs");
    ObjectNode properties = view.putObject("properties");
    properties.put("jobType", "MabJob");
    properties.put("entityFriendlyName", job.server);
    properties.put("backupManagementType", "MAB");
    properties.put("operation", "Backup");
    String status = job.status;
    Instant end = job.end;
    properties.put("status", status);
    properties.put("startTime", job.start.toString());
    Instant upTo = end != null ? end : clock.instant();
    if (end != null) {
      properties.put("endTime", end.toString());
    }
    String duration = Duration.between(job.start, upTo.isBefore(job.start) ? job.start : upTo).toString();
    properties.put("duration", duration);
    properties.put("activityId", job.name);
    properties.put("mabServerName", job.server);
    properties.put("mabServerType", "Windows");
    properties.put("workloadType", "FileFolder");
    properties.putArray("actionsInfo");
    String error = job.error;
    if (error != null) {
      ObjectNode detail = properties.putArray("errorDetails").addObject();
      detail.put("errorString", error);
      detail.putArray("recommendations").add("Check the offline backup's import job and storage account, then"
          + " start the backup again.");
    }
    ObjectNode extended = properties.putObject("extendedInfo");
    ObjectNode task = extended.putArray("tasksList").addObject();
    task.put("taskId", "Transfer data to Azure");
    task.put("startTime", job.start.toString());
    if (end != null) {
      task.put("endTime", end.toString());
    }
    task.put("duration", duration);
    task.put("status", status);
    ObjectNode bag = extended.putObject("propertyBag");
    bag.put("Backup Type", job.pointType);
    bag.put("Bytes Transferred", Long.toString(job.bytesDone.get()));
    bag.put("Bytes Total", Long.toString(job.bytesTotal));
    if (error != null) {
      extended.put("dynamicErrorMessage", error);
    }
    return view;
  }

  private ObjectNode pointView(Server server, Point point) {
    ObjectNode view = Json.object();
    view.put("id", server.itemId() + "/recoveryPoints/" + point.name());
    view.put("name", point.name());
    view.put("type", "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems"
        + "/recoveryPoints");
    ObjectNode properties = view.putObject("properties");
    properties.put("objectType", "GenericRecoveryPoint");
    properties.put("friendlyName", server.name + " " + point.time());
    properties.put("recoveryPointType", point.type());
    properties.put("recoveryPointTime", point.time().toString());
    properties.put("recoveryPointAdditionalInfo", point.name().equals(server.seedPoint)
        ? "Initial backup from offline seeding" : "Scheduled backup");
    return view;
  }

  // ---- lookups ----

  private List<Server> inVault(String vaultId) {
    return servers.values().stream().filter(s -> s.vaultId.equalsIgnoreCase(vaultId)).toList();
  }

  private Server server(String vaultId, String fabric, String containerName) {
    Server server = servers.get(containerName.toLowerCase(Locale.ROOT));
    if (!FABRIC.equalsIgnoreCase(fabric) || server == null || !server.vaultId.equalsIgnoreCase(vaultId)) {
      throw ArmException.notFound("BMSUserErrorContainerObjectNotFound", "The container '" + containerName
          + "' was not found in fabric '" + fabric + "' of the vault.");
    }
    return server;
  }

  private static Server item(Server server, String itemName) {
    if (!ITEM.equalsIgnoreCase(itemName)) {
      throw ArmException.notFound("BMSUserErrorItemNotFound", "The protected item '" + itemName
          + "' was not found in container '" + server.name + "'.");
    }
    return server;
  }

  private static Point point(Server server, String pointName) {
    return server.points.stream().filter(p -> p.name().equalsIgnoreCase(pointName)).findFirst()
        .orElseThrow(() -> ArmException.notFound("BMSUserErrorRecoveryPointNotFound", "The recovery point '"
            + pointName + "' was not found for item '" + ITEM + "' of container '" + server.name + "'."));
  }

  private static String jobKey(String vaultId, String jobName) {
    return (vaultId + "/" + jobName).toLowerCase(Locale.ROOT);
  }

  /** A deleted resource group takes its vaults' servers, jobs and points with it. */
  @EventListener
  public synchronized void onGroupDeleted(ResourceGroups.Deleted event) {
    String prefix = ("/subscriptions/" + event.subscriptionId() + "/resourceGroups/" + event.resourceGroupName()
        + "/").toLowerCase(Locale.ROOT);
    servers.values().removeIf(s -> s.vaultId.toLowerCase(Locale.ROOT).startsWith(prefix));
    for (Iterator<String> keys = jobs.keySet().iterator(); keys.hasNext(); ) {
      if (keys.next().startsWith(prefix)) {
        keys.remove();
      }
    }
  }

  /** ISO-8601 or the "yyyy-MM-dd hh:mm:ss AM" the Backup API's job filters use; null when unreadable. */
  static Instant parseTime(String text) {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notOffset) {
      // try the others
    }
    for (String pattern : List.of("yyyy-MM-dd hh:mm:ss a", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss")) {
      try {
        return java.time.LocalDateTime.parse(text, java.time.format.DateTimeFormatter.ofPattern(pattern, Locale.US))
            .toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException next) {
        // try the next
      }
    }
    return null;
  }
}
