package io.seedship.localazure.datacenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.importexport.Datacenter;
import io.seedship.localazure.importexport.Job;
import io.seedship.localazure.importexport.JobStore;
import io.seedship.localazure.storage.Azurite;
import io.seedship.localazure.storage.BlobService;
import io.seedship.localazure.storage.StorageAccounts;
import io.seedship.localazure.tls.LocalCertificates;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The import datacenter, on the virtual clock (formats doc 3): the package arrives {@code transit} after the job moved
 * to Shipping if at least one of its drives was handed over to the {@link Dock} (job Received; drives in the dock
 * Received, the others NeverReceived); {@code receiving} later the copy starts (job Transferring, each received drive
 * Transferring and copied by a {@link DriveCopy} on a worker thread); when every drive is done the job is Packaging, and
 * {@code packaging} later Completed (every drive Completed) or Closed (any drive NeverReceived or CompletedMoreInfo),
 * with a returnPackage. A package that never arrives: {@code arrivalLimit} after shipping its drives are NeverReceived
 * (a drive handed over later still arrives), {@code closeAfter} after that the job goes from Shipping to Closed. A job
 * cancelled while Shipping is received and returned without copying. Ended jobs are deleted after
 * {@code finishedJobLifetime}. Export jobs are not processed.
 *
 * <p>Everything here runs under the job store's monitor except the copies; they publish progress and outcome, which
 * the next sweep stores. An event that became due between two sweeps is dated when it was due (or at the earlier
 * sweep, if it only became possible since), so one long jump of the clock plays the steps that fit in it.
 */
@Component
public class ImportDatacenter implements Datacenter {

  private static final Logger log = LoggerFactory.getLogger(ImportDatacenter.class);

  enum Phase { SHIPPING, RECEIVED, TRANSFERRING, PACKAGING, ENDED }

  /** What the datacenter knows of one shipped job beyond its resource. */
  static final class Shipment {
    final String subscriptionId;
    final String resourceGroup;
    final String name;
    final Instant shippedAt;
    Phase phase = Phase.SHIPPING;
    Instant since;
    boolean declaredNeverReceived;
    final Map<String, Running> copies = new LinkedHashMap<>();

    Shipment(Job job, Instant shippedAt) {
      this.subscriptionId = job.subscriptionId();
      this.resourceGroup = job.resourceGroup();
      this.name = job.name();
      this.shippedAt = shippedAt;
      this.since = shippedAt;
    }
  }

  record Running(DriveCopy copy, CompletableFuture<DriveCopy.Outcome> outcome) {
  }

  private final Map<String, Shipment> shipments = new ConcurrentHashMap<>();
  private final Map<String, FaultOn> faults = new ConcurrentHashMap<>();
  private final LocalAzureProperties.Datacenter settings;
  private final Dock dock;
  private final Path workDir;
  private final StorageAccounts accounts;
  private final Azurite azurite;
  private final SSLContext ssl;
  private final Clock clock;
  private final ExecutorService workers;
  private final SecureRandom random = new SecureRandom();
  private Instant lastSweep;

  public ImportDatacenter(LocalAzureProperties properties, StorageAccounts accounts, Azurite azurite,
      io.seedship.localazure.clock.VirtualClock clock) {
    this.settings = properties.getImportExport().getDatacenter();
    Path dataDir = properties.getDataDir();
    this.dock = new Dock(settings.getDockDir() != null ? settings.getDockDir() : dataDir.resolve("dock"));
    this.workDir = settings.getWorkDir() != null ? settings.getWorkDir() : dataDir.resolve("datacenter");
    this.accounts = accounts;
    this.azurite = azurite;
    this.ssl = LocalCertificates.ensure(dataDir.resolve("tls"), properties.getHost()).sslContext();
    this.clock = clock;
    AtomicInteger threads = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(settings.getCopyThreads(), r -> {
      Thread thread = new Thread(r, "datacenter-copy-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      Files.createDirectories(dock.dir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the datacenter's dock " + dock.dir(), e);
    }
    if (!DriveTools.missing().isEmpty()) {
      log.warn("the import datacenter cannot open drives on this machine: {} missing (Debian packages dislocker,"
          + " ntfs-3g)", DriveTools.missing());
    }
  }

  Dock dock() {
    return dock;
  }

  Path workDir() {
    return workDir;
  }

  LocalAzureProperties.Datacenter settings() {
    return settings;
  }

  /** The faults set, by drive id as given. */
  Map<String, DriveFault> faults() {
    Map<String, DriveFault> byId = new java.util.TreeMap<>();
    faults.values().forEach(f -> byId.put(f.driveId(), f.fault()));
    return byId;
  }

  void setFault(String driveId, DriveFault fault) {
    faults.put(driveId.toLowerCase(Locale.ROOT), new FaultOn(driveId, fault));
  }

  boolean clearFault(String driveId) {
    return faults.remove(driveId.toLowerCase(Locale.ROOT)) != null;
  }

  /** Drive ids compare case-insensitively, as in the job API. */
  private DriveFault faultOf(String driveId) {
    FaultOn set = faults.get(driveId.toLowerCase(Locale.ROOT));
    return set == null ? null : set.fault();
  }

  private record FaultOn(String driveId, DriveFault fault) {
  }

  @Override
  public void shipped(Job job, Instant now) {
    if (job.jobType().equals("Import")) {
      shipments.put(job.key(), new Shipment(job, now));
    }
  }

  @Override
  public void advance(Instant now, JobStore store) {
    Instant previous = lastSweep == null || lastSweep.isAfter(now) ? now : lastSweep;
    lastSweep = now;
    for (Map.Entry<String, Shipment> entry : shipments.entrySet()) {
      Shipment shipment = entry.getValue();
      Optional<Job> found = store.get(shipment.subscriptionId, shipment.resourceGroup, shipment.name);
      if (found.isEmpty() || found.get().inState(Job.CREATING)) {
        // deleted (or deleted and made anew): nothing left to do for this package
        shipments.remove(entry.getKey());
        shipment.copies.values().forEach(r -> r.outcome().cancel(true));
        continue;
      }
      Job job = found.get();
      Phase before;
      do {
        before = shipment.phase;
        job = step(shipment, job, now, previous, store);
      } while (job != null && shipment.phase != before);
      if (job == null) {
        shipments.remove(entry.getKey());
      }
    }
  }

  /** One step of the job's story; returns the job as stored now, or null once it is gone. */
  private Job step(Shipment s, Job job, Instant now, Instant previous, JobStore store) {
    return switch (s.phase) {
      case SHIPPING -> shipping(s, job, now, previous, store);
      case RECEIVED -> received(s, job, now, store);
      case TRANSFERRING -> transferring(s, job, now, store);
      case PACKAGING -> packaging(s, job, now, store);
      case ENDED -> {
        if (!now.isBefore(s.since.plus(settings.getFinishedJobLifetime()))) {
          store.remove(job);
          log.info("Import/Export job {} deleted {} after it ended", job, settings.getFinishedJobLifetime());
          yield null;
        }
        yield job;
      }
    };
  }

  private Job shipping(Shipment s, Job job, Instant now, Instant previous, JobStore store) {
    Instant due = s.shippedAt.plus(settings.getTransit());
    if (!now.isBefore(due)) {
      Map<String, Path> arrived = new LinkedHashMap<>();
      for (JsonNode drive : job.resource().path("properties").path("driveList")) {
        String driveId = drive.path("driveId").asText();
        DriveFault fault = faultOf(driveId);
        if (fault != null && (fault.is(DriveFault.Kind.MissingFromPackage) || fault.is(DriveFault.Kind.NeverArrives))) {
          continue;
        }
        dock.find(driveId).ifPresent(device -> arrived.put(driveId, device));
      }
      if (!arrived.isEmpty()) {
        ObjectNode resource = job.copy();
        for (JsonNode drive : drives(resource)) {
          ((ObjectNode) drive).put("state", arrived.containsKey(drive.path("driveId").asText())
              ? "Received" : "NeverReceived");
        }
        properties(resource).put("state", "Received");
        s.phase = Phase.RECEIVED;
        s.since = later(due, previous);
        log.info("Import/Export job {}: package received with drives {}", job, arrived.keySet());
        return store(store, job, resource);
      }
    }
    Instant limit = s.shippedAt.plus(settings.getArrivalLimit());
    if (!now.isBefore(limit) && !s.declaredNeverReceived) {
      s.declaredNeverReceived = true;
      ObjectNode resource = job.copy();
      for (JsonNode drive : drives(resource)) {
        if (drive.path("state").asText().equals("Specified")) {
          ((ObjectNode) drive).put("state", "NeverReceived");
        }
      }
      log.info("Import/Export job {}: no package {} after shipping; its drives are NeverReceived", job,
          settings.getArrivalLimit());
      job = store(store, job, resource);
    }
    if (!now.isBefore(limit.plus(settings.getCloseAfter()))) {
      ObjectNode resource = job.copy();
      properties(resource).put("state", "Closed");
      s.phase = Phase.ENDED;
      s.since = later(limit.plus(settings.getCloseAfter()), previous);
      log.info("Import/Export job {}: Closed, the package never arrived", job);
      return store(store, job, resource);
    }
    return job;
  }

  private Job received(Shipment s, Job job, Instant now, JobStore store) {
    Instant due = s.since.plus(settings.getReceiving());
    if (now.isBefore(due)) {
      return job;
    }
    ObjectNode resource = job.copy();
    s.since = due;
    if (job.cancelRequested()) {
      properties(resource).put("state", "Packaging");
      s.phase = Phase.PACKAGING;
      log.info("Import/Export job {}: cancelled, drives returned without copying", job);
      return store(store, job, resource);
    }
    properties(resource).put("state", "Transferring");
    for (JsonNode node : drives(resource)) {
      ObjectNode drive = (ObjectNode) node;
      if (!drive.path("state").asText().equals("Received")) {
        continue;
      }
      String driveId = drive.path("driveId").asText();
      drive.put("state", "Transferring");
      drive.put("copyStatus", "InProgress");
      drive.put("percentComplete", 0);
      drive.put("bytesSucceeded", 0);
      s.copies.put(driveId, start(job, drive));
    }
    s.phase = Phase.TRANSFERRING;
    return store(store, job, resource);
  }

  /** Takes what the copy needs from the job now (under the monitor) and starts it on a worker. */
  private Running start(Job job, ObjectNode drive) {
    String driveId = drive.path("driveId").asText();
    JsonNode properties = job.resource().path("properties");
    Optional<Path> device = dock.find(driveId);
    Optional<ObjectNode> account = accounts.byId(properties.path("storageAccountId").asText());
    if (device.isEmpty() || account.isEmpty() || !azurite.knows(account.get().path("name").asText())) {
      String status = device.isEmpty() ? "DiskNotFound" : "BlobRequestForbidden";
      log.info("Import/Export job {}: drive {} cannot be copied: {}", job, driveId, status);
      return new Running(null, CompletableFuture.completedFuture(
          new DriveCopy.Outcome(status, 0, 0, null, null, null)));
    }
    String accountName = account.get().path("name").asText();
    BlobService blobs = new BlobService(account.get().path("properties").path("primaryEndpoints").path("blob").asText(),
        accountName, azurite.keyOf(accountName), ssl);
    String diagnostics = properties.path("diagnosticsPath").asText("waimportexport");
    diagnostics = diagnostics.startsWith("/") ? diagnostics.substring(1) : diagnostics;
    int slash = diagnostics.indexOf('/');
    String container = slash < 0 ? diagnostics : diagnostics.substring(0, slash);
    String prefix = slash < 0 ? "" : diagnostics.substring(slash + 1);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    String key = null;
    for (JsonNode k : job.bitLockerKeys()) {
      if (k.path("driveId").asText().equals(driveId)) {
        key = k.path("bitLockerKey").asText();
      }
    }
    DriveCopy.Order order = new DriveCopy.Order(job.name(), driveId, device.get(), key,
        drive.path("manifestFile").asText(), drive.path("manifestHash").asText(),
        drive.path("driveHeaderHash").asText(), faultOf(driveId), blobs, container, prefix,
        properties.path("logLevel").asText("Error").equalsIgnoreCase("Verbose"),
        properties.path("backupDriveManifest").asBoolean(false), workDir);
    DriveCopy copy = new DriveCopy(order, clock);
    log.info("Import/Export job {}: copying drive {} from {}", job, driveId, device.get());
    return new Running(copy, CompletableFuture.supplyAsync(copy::run, workers));
  }

  private Job transferring(Shipment s, Job job, Instant now, JobStore store) {
    ObjectNode resource = job.copy();
    boolean allDone = true;
    for (JsonNode node : drives(resource)) {
      ObjectNode drive = (ObjectNode) node;
      Running running = s.copies.get(drive.path("driveId").asText());
      if (running == null) {
        continue;
      }
      DriveCopy.Outcome outcome = running.outcome().isDone() && !running.outcome().isCompletedExceptionally()
          ? running.outcome().join() : null;
      if (running.outcome().isCompletedExceptionally()) {
        outcome = new DriveCopy.Outcome("InternalError", 0, 0, null, null, null);
      }
      if (outcome == null) {
        allDone = false;
        drive.put("percentComplete", running.copy().progress().percent());
        drive.put("bytesSucceeded", running.copy().progress().succeeded.get());
        continue;
      }
      drive.put("state", outcome.clean() ? "Completed" : "CompletedMoreInfo");
      drive.put("copyStatus", outcome.status());
      drive.put("percentComplete", outcome.percentComplete());
      drive.put("bytesSucceeded", outcome.bytesSucceeded());
      putIfPresent(drive, "errorLogUri", outcome.errorLogUri());
      putIfPresent(drive, "verboseLogUri", outcome.verboseLogUri());
      putIfPresent(drive, "manifestUri", outcome.manifestUri());
    }
    if (allDone) {
      properties(resource).put("state", "Packaging");
      s.phase = Phase.PACKAGING;
      s.since = now;
      s.copies.clear();
      log.info("Import/Export job {}: every drive copied, Packaging", job);
    }
    return resource.equals(job.resource()) ? job : store(store, job, resource);
  }

  private Job packaging(Shipment s, Job job, Instant now, JobStore store) {
    Instant due = s.since.plus(settings.getPackaging());
    if (now.isBefore(due)) {
      return job;
    }
    ObjectNode resource = job.copy();
    ObjectNode properties = properties(resource);
    boolean clean = true;
    int returned = 0;
    for (JsonNode drive : drives(resource)) {
      String state = drive.path("state").asText();
      if (!state.equals("NeverReceived")) {
        returned++;
      }
      if (!state.equals("Completed") && !job.cancelRequested()) {
        clean = false;
      }
    }
    ObjectNode returnPackage = properties.putObject("returnPackage");
    returnPackage.put("carrierName", properties.path("returnShipping").path("carrierName")
        .asText(properties.path("deliveryPackage").path("carrierName").asText("FedEx")));
    returnPackage.put("trackingNumber", String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L)));
    returnPackage.put("driveCount", returned);
    returnPackage.put("shipDate", LocalDate.ofInstant(due, ZoneOffset.UTC).toString());
    properties.put("state", clean ? Job.COMPLETED : "Closed");
    s.phase = Phase.ENDED;
    s.since = due;
    log.info("Import/Export job {}: drives returned, {}", job, clean ? Job.COMPLETED : "Closed");
    return store(store, job, resource);
  }

  private static Job store(JobStore store, Job job, ObjectNode resource) {
    Job changed = job.with(resource);
    store.put(changed);
    return changed;
  }

  private static ObjectNode properties(ObjectNode resource) {
    return (ObjectNode) resource.get("properties");
  }

  private static Iterable<JsonNode> drives(ObjectNode resource) {
    return resource.path("properties").path("driveList");
  }

  private static void putIfPresent(ObjectNode drive, String field, String value) {
    if (value != null) {
      drive.put(field, value);
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @PreDestroy
  public void stop() {
    workers.shutdownNow();
  }
}
