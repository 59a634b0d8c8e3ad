package io.seedship.runtime.work;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.contracts.Records;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.messaging.SeedFailures;
import io.seedship.runtime.outbox.Outbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs this instance's share of the stage work: claims due units under a lease (at most {@code threads} at once, and
 * each kind's own limit), renews the leases of what it runs, and records each ending. Started last and stopped first
 * of the service's parts: a stop interrupts the running units and gives them back uncounted, to be resumed at the
 * next start or by another instance.
 */
public class WorkRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkRunner.class);

  /** How the runner is tuned; see {@code seedship.work.*}. */
  public record Settings(String owner, int threads, Duration lease, Duration pollInterval, int maxAttempts,
                         Duration backoff, Duration maxBackoff) {
  }

  private final Map<String, StageWork> works;
  private final WorkQueue queue;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final EventMetadataFactory metadata;
  private final Settings settings;
  private final MeterRegistry meters;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private ScheduledExecutorService scheduler;
  private ExecutorService workers;
  private volatile boolean started;

  public WorkRunner(List<StageWork> stageWorks, WorkQueue queue, Outbox outbox, TransactionTemplate tx,
                    EventMetadataFactory metadata, Settings settings, MeterRegistry meters) {
    this.works = stageWorks.stream().collect(Collectors.toMap(StageWork::kind, Function.identity(), (a, b) -> {
      throw new IllegalStateException("two stage works of kind " + a.kind() + ": a kind has one implementation");
    }));
    this.queue = queue;
    this.outbox = outbox;
    this.tx = tx;
    this.metadata = metadata;
    this.settings = settings;
    this.meters = meters;
    meters.gauge("seedship.work.running", running, Map::size);
  }

  /** The kinds of work this service declares. */
  public java.util.Set<String> kinds() {
    return works.keySet();
  }

  @Override
  public synchronized void start() {
    if (works.isEmpty()) {
      return;
    }
    AtomicInteger n = new AtomicInteger();
    workers = Executors.newFixedThreadPool(settings.threads(), r -> daemon(r, "stage-work-" + n.incrementAndGet()));
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "stage-work-scheduler"));
    started = true;
    scheduler.scheduleWithFixedDelay(this::claimQuietly, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    long renewEvery = settings.lease().toMillis() / 3;
    scheduler.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    log.info("stage work of {} runs here as {}: {} at once", works.keySet(), settings.owner(), settings.threads());
  }

  @Override
  public synchronized void stop() {
    if (!started) {
      return;
    }
    started = false;
    scheduler.shutdownNow();
    workers.shutdownNow(); // interrupts the units; each gives itself back (see execute)
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("stage work did not stop within 30 s; its leases run out and another instance resumes it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  /** Looks for due work now (new work was scheduled, or a unit ended). */
  public void wake() {
    ScheduledExecutorService s = scheduler;
    if (started && s != null) {
      try {
        s.execute(this::claimQuietly);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // stopping: the next start looks anyway
      }
    }
  }

  private void claimQuietly() {
    try {
      claimDue();
    } catch (RuntimeException e) {
      log.warn("looking for stage work failed: {}", e.toString());
    }
  }

  private void claimDue() {
    int free = settings.threads() - running.size();
    if (!started || free <= 0) {
      return;
    }
    // kinds at their own limit are left out of the query, so their backlog cannot hide other kinds' due work
    java.util.Set<String> open = works.values().stream().filter(w -> runningOf(w) < w.maxConcurrent())
        .map(StageWork::kind).collect(Collectors.toSet());
    for (String workId : queue.due(open, settings.owner(), free * 4)) {
      if (running.size() >= settings.threads()) {
        return;
      }
      if (running.containsKey(workId)) {
        continue;
      }
      var item = queue.find(workId);
      if (item.isEmpty()) {
        continue;
      }
      StageWork work = works.get(item.get().kind());
      if (runningOf(work) >= work.maxConcurrent()) {
        continue;
      }
      queue.claim(workId, settings.owner(), settings.lease()).ifPresent(claimed -> {
        Running r = new Running(claimed, work);
        running.put(workId, r);
        workers.execute(() -> execute(r));
      });
    }
  }

  private long runningOf(StageWork work) {
    return running.values().stream().filter(r -> r.work == work).count();
  }

  private void renewLeases() {
    for (Running r : running.values()) {
      if (r.ended) {
        continue; // finished or failed just now: its row no longer has a lease to renew
      }
      try {
        if (!queue.renew(r.item.workId(), settings.owner(), settings.lease())) {
          boolean cancelled = queue.find(r.item.workId()).map(w -> WorkItem.CANCELLED.equals(w.state()))
              .orElse(false);
          if (cancelled) {
            log.info("{} work of seed {} was cancelled; stopping it", r.work.kind(), r.item.seedId());
          } else {
            log.warn("lost the lease of {} work {} of seed {}; stopping it here", r.work.kind(), r.item.workId(),
                r.item.seedId());
          }
          r.lost = true;
          Thread t = r.thread;
          if (t != null) {
            t.interrupt();
          }
        }
      } catch (RuntimeException e) {
        log.warn("renewing the lease of work {} failed: {}", r.item.workId(), e.toString());
      }
    }
  }

  private void execute(Running r) {
    r.thread = Thread.currentThread();
    WorkItem item = r.item;
    MDC.put("seedId", item.seedId());
    Context context = new Context(r);
    String outcome = "done";
    try {
      log.info("{} work of seed {} starts (attempt {})", item.kind(), item.seedId(), item.attempts());
      r.work.run(context);
      if (!context.finished) {
        context.checkpoint();
        context.finish(t -> { });
      }
      log.info("{} work of seed {} done", item.kind(), item.seedId());
    } catch (Throwable e) {
      outcome = ended(context, e);
    } finally {
      r.ended = true;
      running.remove(item.workId());
      r.thread = null;
      Thread.interrupted(); // a late interrupt (a lost lease) must not hit the next unit on this thread
      meters.counter("seedship.work.ended", "kind", item.kind(), "outcome", outcome).increment();
      MDC.remove("seedId");
      wake();
    }
  }

  /** Records how a unit that threw ends: given back, retried later, or failed for good. */
  private String ended(Context context, Throwable e) {
    WorkItem item = context.r.item;
    String owner = settings.owner();
    try {
      if (!started) {
        queue.later(item.workId(), owner, Duration.ZERO, "given back at shutdown", false);
        log.info("{} work of seed {} given back at shutdown; it resumes later", item.kind(), item.seedId());
        return "released";
      }
      if (context.r.lost || e instanceof LeaseLostException) {
        log.warn("{} work of seed {} stopped: its lease was lost", item.kind(), item.seedId());
        return "lost";
      }
      if (e instanceof WorkFailure f) {
        failForGood(context, f.getMessage(), f.action(), f.problems());
        return "failed";
      }
      if (e instanceof WorkDeferred d) {
        Duration wait = d.delay().isZero() ? Duration.ofMillis(1) : d.delay();
        queue.later(item.workId(), owner, wait, "deferred: " + d.getMessage(), false);
        log.debug("{} work of seed {} deferred by {}: {}", item.kind(), item.seedId(), wait, d.getMessage());
        return "deferred";
      }
      if (e instanceof AzureException.Throttled t) {
        Duration wait = Duration.ofSeconds(Math.max(1, t.retryAfterSeconds()));
        queue.later(item.workId(), owner, wait, "throttled by Azure (" + t.code() + "), again in " + wait, false);
        log.info("{} work of seed {} throttled by Azure; again in {}, holding no thread", item.kind(), item.seedId(),
            wait);
        return "throttled";
      }
      String error = SeedFailures.rootCause(e);
      if (item.attempts() >= settings.maxAttempts()) {
        failForGood(context, context.r.work.kind() + " failed " + item.attempts() + " times; the last error: "
            + error, context.r.work.whatToDo(e), List.of());
        return "failed";
      }
      Duration wait = backoff(item.attempts());
      queue.later(item.workId(), owner, wait, error, true);
      log.warn("{} work of seed {} failed (attempt {} of {}), again in {}: {}", item.kind(), item.seedId(),
          item.attempts(), settings.maxAttempts(), wait, error);
      return "retried";
    } catch (RuntimeException recording) {
      log.warn("the end of {} work of seed {} could not be recorded ({}); its lease runs out and it runs again",
          item.kind(), item.seedId(), recording.toString());
      return "unrecorded";
    }
  }

  private void failForGood(Context context, String reason, String action, List<Problem> problems) {
    WorkItem item = context.r.item;
    tx.executeWithoutResult(status -> {
      if (!queue.end(item.workId(), settings.owner(), WorkItem.FAILED, reason)) {
        throw new LeaseLostException("work " + item.workId() + " is no longer held by " + settings.owner());
      }
      SeedFailed failed = SeedFailures.of(context.event("failed"), context.r.work.stage(), reason, action, problems);
      context.r.work.failed(context, failed);
      outbox.append(List.of(failed));
    });
    log.warn("{} work of seed {} failed for good: {}", item.kind(), item.seedId(), reason);
  }

  Duration backoff(int attempts) {
    Duration wait = settings.backoff();
    for (int i = 1; i < attempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static final class Running {
    final WorkItem item;
    final StageWork work;
    volatile Thread thread;
    volatile boolean lost;
    volatile boolean ended;

    Running(WorkItem item, StageWork work) {
      this.item = item;
      this.work = work;
    }
  }

  private final class Context implements WorkContext {
    final Running r;
    final SpecificRecord input;
    final EventMetadata cause;
    boolean finished;

    Context(Running r) {
      this.r = r;
      this.input = queue.decodeInput(r.item);
      this.cause = Records.metadata(input);
    }

    @Override
    public String workId() {
      return r.item.workId();
    }

    @Override
    public String seedId() {
      return r.item.seedId();
    }

    @Override
    public int attempt() {
      return r.item.attempts();
    }

    @Override
    public SpecificRecord input() {
      return input;
    }

    @Override
    public <T extends SpecificRecord> T input(Class<T> type) {
      return type.cast(input);
    }

    @Override
    public EventMetadata event(String name) {
      return metadata.derived(cause, r.work.kind() + "/" + name);
    }

    @Override
    public EventMetadata progressEvent() {
      return metadata.fresh(cause);
    }

    @Override
    public void progress(SpecificRecord event, String summary) {
      checkpoint();
      tx.executeWithoutResult(status -> {
        if (!queue.progress(r.item.workId(), settings.owner(), summary)) {
          throw new LeaseLostException("work " + r.item.workId() + " is no longer held by " + settings.owner());
        }
        if (event != null) {
          outbox.append(List.of(event));
        }
      });
    }

    @Override
    public void finish(Consumer<WorkTransaction> body) {
      if (finished) {
        throw new IllegalStateException("work " + r.item.workId() + " is already finished");
      }
      r.ended = true; // from here the lease is not renewed: the row is DONE once this commits
      tx.executeWithoutResult(status -> {
        if (!queue.end(r.item.workId(), settings.owner(), WorkItem.DONE, null)) {
          throw new LeaseLostException("work " + r.item.workId() + " is no longer held by " + settings.owner()
              + "; another instance finishes it");
        }
        List<SpecificRecord> out = new ArrayList<>();
        body.accept(new WorkTransaction() {
          @Override
          public void emit(SpecificRecord event) {
            out.add(event);
          }

          @Override
          public void schedule(String kind) {
            queue.enqueue(kind, input);
          }
        });
        if (!out.isEmpty()) {
          outbox.append(out);
        }
      });
      finished = true;
    }

    @Override
    public void checkpoint() {
      if (r.lost) {
        throw new LeaseLostException("work " + r.item.workId() + " lost its lease");
      }
      if (!started) {
        throw new LeaseLostException("the service is stopping");
      }
    }
  }
}
