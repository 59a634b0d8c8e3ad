package io.seedship.importmonitor.watch;

import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.importjob.DriveStateChanged;
import io.seedship.importmonitor.config.ImportMonitorProperties;
import io.seedship.importmonitor.copylog.ReadCopyLogWork;
import io.seedship.importmonitor.persistence.WatchStore;
import io.seedship.importmonitor.persistence.WatchedDrive;
import io.seedship.importmonitor.persistence.WatchedGroup;
import io.seedship.importmonitor.persistence.WatchedJob;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.work.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches every import job by resource group: claims the groups that are due (a conditional UPDATE, so two instances
 * never poll one group at once), lists each group's jobs once (the API's pages, following nextLink), and in one
 * database transaction per group compares every watched job with its last observation, stores the new one and
 * writes the events it makes to the outbox (through the runtime's gateway, which joins this transaction). Never
 * inside a Kafka transaction: the list can wait on Azure for as long as Azure takes.
 *
 * <p>Pace: {@code fast-interval} while a job of the group is Received, Transferring or Packaging (or not seen yet),
 * {@code slow-interval} while all wait in Creating or Shipping; never faster than the subscription's read budget
 * allows for all its groups; after a 429, the Retry-After Azure gave.
 */
public class ImportJobPoller implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ImportJobPoller.class);
  static final Set<ImportJobState> BUSY = java.util.EnumSet.of(ImportJobState.RECEIVED, ImportJobState.TRANSFERRING,
      ImportJobState.PACKAGING);

  private final WatchStore store;
  private final AzureClients azure;
  private final CommandGateway events;
  private final WorkQueue work;
  private final EventMetadataFactory metadata;
  private final TransactionTemplate tx;
  private final ImportMonitorProperties settings;
  private final ReadBudget budget;
  private final Clock clock;
  private final String owner;
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private volatile ScheduledExecutorService thread;

  public ImportJobPoller(WatchStore store, AzureClients azure, CommandGateway events, WorkQueue work,
                         EventMetadataFactory metadata, TransactionTemplate tx, ImportMonitorProperties settings,
                         ReadBudget budget, Clock clock, String owner) {
    this.store = store;
    this.azure = azure;
    this.events = events;
    this.work = work;
    this.metadata = metadata;
    this.tx = tx;
    this.settings = settings;
    this.budget = budget;
    this.clock = clock;
    this.owner = owner;
  }

  @Override
  public synchronized void start() {
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "importmonitor-poller");
      t.setDaemon(true);
      return t;
    });
    long tick = settings.tick().toMillis();
    thread.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (thread != null) {
      thread.shutdownNow();
      try {
        thread.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  /** Polls (group lists) made by this instance. */
  public long polls() {
    return polls.get();
  }

  /** Events this instance wrote to the outbox. */
  public long published() {
    return published.get();
  }

  /** One round: every due group this instance could claim, one after the other. */
  public void tick() {
    try {
      Instant now = clock.instant();
      List<WatchedGroup> due = store.claimDue(owner, now, now.plus(settings.claim()), settings.maxGroupsPerTick());
      for (WatchedGroup group : due) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        poll(group);
      }
    } catch (RuntimeException e) {
      log.warn("import job poll round failed; the next round tries again", e);
    }
  }

  void poll(WatchedGroup group) {
    Duration wait = budget.waitFor(group.subscriptionId());
    if (!wait.isZero()) {
      later(group, wait, null, "the subscription's read budget");
      return;
    }
    List<ImportJobStatus> listed;
    try {
      listed = azure.importJobs(group.subscriptionId()).list(group.resourceGroup());
    } catch (AzureException.Throttled throttled) {
      Duration retryAfter = throttled.retryAfterSeconds() > 0 ? Duration.ofSeconds(throttled.retryAfterSeconds())
          : settings.throttledPause();
      budget.charge(group.subscriptionId(), 1);
      later(group, retryAfter, clock.instant().plus(retryAfter), "429 from Azure");
      return;
    } catch (RuntimeException e) {
      budget.charge(group.subscriptionId(), 1);
      log.warn("listing the import jobs of resource group {} failed; again in {}: {}", group.resourceGroup(),
          settings.errorPause(), e.toString());
      later(group, settings.errorPause(), null, "an error");
      return;
    }
    polls.incrementAndGet();
    int pages = Math.max(1, (listed.size() + settings.pageSize() - 1) / settings.pageSize());
    budget.charge(group.subscriptionId(), pages);
    Map<String, ImportJobStatus> byName = new HashMap<>();
    listed.forEach(j -> byName.put(WatchStore.key(j.jobName()), j));
    Boolean committed;
    long before = published.get();
    try {
      committed = record(group, byName, pages);
    } catch (RuntimeException e) {
      log.warn("recording the poll of resource group {} failed; again in {}", group.resourceGroup(),
          settings.errorPause(), e);
      later(group, settings.errorPause(), null, "an error");
      return;
    }
    if (!Boolean.TRUE.equals(committed)) {
      log.info("resource group {}: claim lost during the poll; nothing recorded", group.resourceGroup());
    } else if (published.get() > before) {
      log.info("resource group {}: {} event(s) committed", group.resourceGroup(), published.get() - before);
    }
  }

  /** One transaction: every watched job of the group compared, stored, its events in the outbox; the group released. */
  private Boolean record(WatchedGroup group, Map<String, ImportJobStatus> byName, int pages) {
    return tx.execute(status -> {
      Instant now = clock.instant();
      if (!store.stillClaimed(group, owner, now)) {
        return false; // took too long: another instance may have it now; its poll will say what changed
      }
      boolean busy = false;
      Map<String, List<WatchedDrive>> drives = store.drivesOf(group);
      for (WatchedJob job : store.unfinished(group)) {
        ImportJobStatus seen = byName.get(WatchStore.key(job.importJobName()));
        JobChanges.Result result = JobChanges.compare(job, drives.getOrDefault(job.seedId(), List.of()), seen,
            settings.missingPolls(), name -> metadata.derived(cause(job), name));
        if (result.changed() || result.job().missingPolls() != job.missingPolls()) {
          // a poll that saw nothing new writes nothing: a group of thousands of quiet jobs costs one read query
          store.updateJob(result.job(), now, result.changed());
          result.drives().forEach(store::updateDrive);
        }
        for (SpecificRecord event : result.events()) {
          events.send(event);
          published.incrementAndGet();
          log.info("seed {}: import job {}: {}", job.seedId(), job.importJobName(), describe(event));
        }
        for (DriveStateChanged drive : result.copyLogs()) {
          work.enqueue(ReadCopyLogWork.KIND, drive);
        }
        if (result.outcome() != null) {
          store.finish(job.seedId(), result.outcome().name(), now);
        } else if (result.job().jobState() == null || BUSY.contains(result.job().jobState())) {
          busy = true;
        }
      }
      Duration interval = busy ? settings.fastInterval() : settings.slowInterval();
      Duration spacing = budget.spacing(Math.max(1, store.groupsOf(group.subscriptionId())), pages);
      store.release(group, owner, now, now.plus(interval.compareTo(spacing) >= 0 ? interval : spacing), null);
      return true;
    });
  }

  private void later(WatchedGroup group, Duration wait, Instant throttledUntil, String why) {
    log.debug("resource group {}: next poll in {} ({})", group.resourceGroup(), wait, why);
    tx.executeWithoutResult(status -> {
      Instant now = clock.instant();
      if (store.stillClaimed(group, owner, now)) {
        store.release(group, owner, now, now.plus(wait), throttledUntil);
      }
    });
  }

  /** The ImportJobCreated every event about the job is caused by (its id and correlation are what ids derive from). */
  private static EventMetadata cause(WatchedJob job) {
    return EventMetadata.newBuilder().setEventId(job.causeEventId()).setSeedId(job.seedId())
        .setOccurredAt(Instant.EPOCH).setProducer("diskprep-service").setCorrelationId(job.correlationId())
        .setCausationId(null).build();
  }

  private static String describe(SpecificRecord event) {
    return switch (event) {
      case io.seedship.contracts.importjob.ImportJobStateChanged c -> "job " + c.getPreviousState() + " -> "
          + c.getState();
      case DriveStateChanged d -> "drive " + d.getDriveId() + " " + d.getPreviousState() + " -> " + d.getState();
      case io.seedship.contracts.importjob.ImportJobProgress p -> "progress " + p.getChanges();
      case io.seedship.contracts.importjob.ImportJobFinished f -> "finished " + f.getOutcome();
      default -> event.getClass().getSimpleName();
    };
  }
}
