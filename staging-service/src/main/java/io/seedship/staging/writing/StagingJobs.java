package io.seedship.staging.writing;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.staging.StagingProgress;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.staging.chunks.StagingOptions;
import io.seedship.staging.chunks.StagingResult;
import io.seedship.staging.chunks.StagingWriter;
import io.seedship.staging.messaging.AcceptSeedRequest;
import io.seedship.staging.persistence.StagedSeed;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import io.seedship.staging.source.DirectoryTreeSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the staging writes: claims ready seeds (at most {@code maxConcurrent} at once on this instance), writes each
 * seed's initial backup with {@link StagingWriter}, and publishes progress, then StagingCompleted or SeedFailed.
 *
 * <p>A write is resumable, so a restart simply runs again every write this instance had claimed: the writer keeps
 * the chunks its journal vouches for. StagingCompleted has an id derived from the seed, and is published before the
 * row says COMPLETED: a crash between the two publishes it again with the same id, which consumers skip.
 */
public class StagingJobs implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StagingJobs.class);

  private final StagedSeedRepository seeds;
  private final SeedEventPublisher publisher;
  private final TransactionTemplate tx;
  private final StagingOptions options;
  private final String owner;
  private final int maxConcurrent;
  private final Duration pollInterval;
  private final String producer;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private ExecutorService writers;
  private ScheduledExecutorService poller;
  private volatile boolean started;

  public StagingJobs(StagedSeedRepository seeds, SeedEventPublisher publisher, TransactionTemplate tx,
                     StagingOptions options, String owner, int maxConcurrent, Duration pollInterval, String producer,
                     MeterRegistry meters, Clock clock) {
    this.seeds = seeds;
    this.publisher = publisher;
    this.tx = tx;
    this.options = options;
    this.owner = owner;
    this.maxConcurrent = maxConcurrent;
    this.pollInterval = pollInterval;
    this.producer = producer;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    AtomicInteger n = new AtomicInteger();
    writers = Executors.newFixedThreadPool(maxConcurrent, r -> {
      Thread t = new Thread(r, "staging-writer-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "staging-poller");
      t.setDaemon(true);
      return t;
    });
    started = true;
    poller.scheduleWithFixedDelay(this::wakeQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    log.info("staging writer {} started: {} write(s) at once", owner, maxConcurrent);
  }

  @Override
  public synchronized void stop() {
    started = false;
    poller.shutdownNow();
    writers.shutdownNow(); // interrupts the writes; each leaves a state its next run resumes
    try {
      if (!writers.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("staging writes did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  /** Starts this instance's unfinished writes and claims ready seeds while there is room. */
  public synchronized void wake() {
    if (!started) {
      return;
    }
    for (StagedSeed mine : seeds.findByStateAndOwner(StagingState.WRITING, owner)) {
      submit(mine.seedId());
    }
    for (StagedSeed ready : seeds.findByState(StagingState.READY)) {
      if (running.size() >= maxConcurrent) {
        return;
      }
      Integer claimed = tx.execute(s -> seeds.claim(ready.seedId(), owner, clock.instant()));
      if (claimed != null && claimed == 1) {
        submit(ready.seedId());
      }
    }
  }

  private void wakeQuietly() {
    try {
      wake();
    } catch (RuntimeException e) {
      log.warn("looking for staging work failed: {}", e.toString());
    }
  }

  private void submit(String seedId) {
    if (running.add(seedId)) {
      writers.execute(() -> {
        MDC.put("seedId", seedId);
        try {
          write(seedId);
        } finally {
          running.remove(seedId);
          MDC.remove("seedId");
        }
      });
    }
  }

  private void write(String seedId) {
    StagedSeed seed = seeds.findById(seedId).orElseThrow();
    SeedRequest request = AcceptSeedRequest.decode(seed.request());
    StagingResult result;
    try {
      log.info("staging seed {} from {} into {}", seedId, request.getSourcePath(), seed.stagingDir());
      result = new StagingWriter(options).write(new DirectoryTreeSource(Path.of(request.getSourcePath())),
          Path.of(seed.stagingDir()), progress -> publishProgress(seed, progress));
    } catch (InterruptedException e) {
      log.info("staging of seed {} interrupted; it resumes at the next start", seedId);
      return;
    } catch (RuntimeException | java.io.IOException e) {
      if (Thread.currentThread().isInterrupted() || isInterruption(e)) {
        log.info("staging of seed {} interrupted; it resumes at the next start", seedId);
        return;
      }
      fail(seed, e);
      return;
    }
    if (Thread.currentThread().isInterrupted()) {
      return;
    }
    try {
      publisher.publish(StagingCompleted.newBuilder()
          .setMetadata(metadata(seed, "staging-completed"))
          .setStagingLocation(request.getStagingLocation())
          .setManifestPath(result.manifestPath().toString())
          .setManifestSha256(result.manifestSha256())
          .setSourceBytes(result.sourceBytes())
          .setStagedBytes(result.stagedBytes())
          .setFileCount(result.fileCount())
          .setChunkCount(result.chunkCount())
          .build());
    } catch (RuntimeException e) {
      log.warn("seed {} is staged but StagingCompleted could not be published ({}); trying again at the next poll",
          seedId, e.toString());
      return;
    }
    tx.executeWithoutResult(s -> seeds.update(seeds.findById(seedId).orElseThrow().completed(clock.instant(),
        result.manifestSha256(), result.sourceBytes(), result.stagedBytes(), result.fileCount(),
        result.chunkCount())));
    meters.counter("seedship.staging.completed").increment();
    log.info("seed {} staged: {} files, {} MiB into {} chunk(s) of {} MiB, manifest {}", seedId, result.fileCount(),
        result.sourceBytes() >> 20, result.chunkCount(), result.stagedBytes() >> 20, result.manifestPath());
  }

  private void fail(StagedSeed seed, Exception e) {
    String reason = "writing the initial backup failed: " + e.getMessage();
    log.warn("staging of seed {} failed: {}", seed.seedId(), e.toString());
    try {
      publisher.publish(SeedFailed.newBuilder()
          .setMetadata(metadata(seed, "staging-failed"))
          .setStage(SeedStage.STAGING)
          .setReason(reason)
          .setProblems(List.of(Problem.newBuilder().setField(null).setMessage(reason).build()))
          .build());
    } catch (RuntimeException publishing) {
      log.warn("SeedFailed of seed {} could not be published ({}); trying again at the next poll", seed.seedId(),
          publishing.toString());
      return;
    }
    tx.executeWithoutResult(s -> seeds.update(seeds.findById(seed.seedId()).orElseThrow()
        .failed(clock.instant(), truncate(reason))));
    meters.counter("seedship.staging.failed").increment();
  }

  private void publishProgress(StagedSeed seed, io.seedship.staging.chunks.StagingProgress progress) {
    double rate = progress.bytesPerSecond();
    Long remaining = rate > 0 ? (long) ((progress.bytesTotal() - progress.bytesDone()) / rate) : null;
    try {
      publisher.publish(StagingProgress.newBuilder()
          .setMetadata(metadata(seed, null))
          .setBytesDone(progress.bytesDone())
          .setBytesTotal(progress.bytesTotal())
          .setFilesDone(progress.filesDone())
          .setFilesTotal(progress.filesTotal())
          .setChunksWritten(progress.chunksWritten())
          .setBytesPerSecond(rate)
          .setEstimatedSecondsRemaining(remaining)
          .build());
    } catch (RuntimeException e) {
      // progress is informative: a lost one is replaced by the next
      log.debug("progress of seed {} not published: {}", seed.seedId(), e.toString());
    }
  }

  /** Envelopes of this seed's staging events: {@code name} gives a stable id (the same event if sent again). */
  private EventMetadata metadata(StagedSeed seed, String name) {
    String id = name == null ? UUID.randomUUID().toString()
        : UUID.nameUUIDFromBytes((seed.seedId() + "/" + producer + "/" + name).getBytes(StandardCharsets.UTF_8))
            .toString();
    return EventMetadata.newBuilder().setEventId(id).setSeedId(seed.seedId())
        .setOccurredAt(clock.instant().truncatedTo(ChronoUnit.MILLIS)).setProducer(producer)
        .setCorrelationId(seed.correlationId()).setCausationId(seed.readyEventId()).build();
  }

  private static boolean isInterruption(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException
          || t instanceof java.io.InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  private static String truncate(String text) {
    return text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
  }
}
