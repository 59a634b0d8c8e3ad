package io.seedship.staging.work;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SkippedEntry;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.staging.StagingProgress;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkFailure;
import io.seedship.staging.chunks.ProgressListener;
import io.seedship.staging.chunks.SourceChangedException;
import io.seedship.staging.chunks.StagingOptions;
import io.seedship.staging.chunks.StagingResult;
import io.seedship.staging.chunks.StagingWriter;
import io.seedship.staging.persistence.SeedRequests;
import io.seedship.staging.persistence.StagedSeed;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import io.seedship.staging.source.DirectoryTreeSource;
import io.seedship.staging.source.UnreadableSourceException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging write of one seed, as durable work: hours long, resumable (the writer keeps every chunk its journal
 * vouches for, so a restart or another instance's take-over continues where it stopped), reporting progress through
 * the outbox, and finishing with the seed COMPLETED and StagingCompleted in one transaction.
 *
 * <p>A source that changes while it is read, or cannot be read, fails the seed at once (staging it again would not
 * help until an operator acts); other errors (a full disk, an I/O error) are retried with backoff first.
 */
public class StagingWriteWork implements StageWork {

  public static final String KIND = "write";
  private static final Logger log = LoggerFactory.getLogger(StagingWriteWork.class);

  private final StagedSeedRepository seeds;
  private final StagingOptions options;
  private final int maxConcurrent;
  private final MeterRegistry meters;
  private final Clock clock;

  public StagingWriteWork(StagedSeedRepository seeds, StagingOptions options, int maxConcurrent,
                          MeterRegistry meters, Clock clock) {
    this.seeds = seeds;
    this.options = options;
    this.maxConcurrent = maxConcurrent;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.STAGING;
  }

  @Override
  public int maxConcurrent() {
    return maxConcurrent;
  }

  @Override
  public void run(WorkContext context) throws Exception {
    StagedSeed seed = seeds.findById(context.seedId()).orElseThrow(() -> new IllegalStateException(
        "seed " + context.seedId() + " is not in staging-service's database"));
    if (seed.state() == StagingState.READY) {
      seed = seeds.update(seed.writing(clock.instant()));
    }
    var request = SeedRequests.decode(seed.request());
    log.info("staging seed {} from {} into {}", seed.seedId(), request.getSourcePath(), seed.stagingDir());
    StagingResult result;
    try {
      result = new StagingWriter(options).write(new DirectoryTreeSource(Path.of(request.getSourcePath())),
          Path.of(seed.stagingDir()), listener(context));
    } catch (SourceChangedException | UnreadableSourceException e) {
      throw new WorkFailure("writing the initial backup failed: " + e.getMessage(), "stage from a snapshot or a "
          + "quiet source, make every entry readable by staging-service, then request the seed again");
    }
    String stagingLocation = request.getStagingLocation();
    context.finish(out -> {
      seeds.update(seeds.findById(context.seedId()).orElseThrow().completed(clock.instant(), result.manifestSha256(),
          result.sourceBytes(), result.stagedBytes(), result.fileCount(), result.chunkCount()));
      out.emit(StagingCompleted.newBuilder()
          .setMetadata(context.event("completed"))
          .setStagingLocation(stagingLocation)
          .setManifestPath(result.manifestPath().toString())
          .setManifestSha256(result.manifestSha256())
          .setSourceBytes(result.sourceBytes())
          .setStagedBytes(result.stagedBytes())
          .setFileCount(result.fileCount())
          .setChunkCount(result.chunkCount())
          .setSkippedEntries(result.skipped().stream().map(s -> SkippedEntry.newBuilder().setPath(s.path())
              .setKind(s.kind()).setReason(s.reason()).build()).toList())
          .setSkippedCount(result.skippedCount())
          .build());
    });
    meters.counter("seedship.staging.completed").increment();
    log.info("seed {} staged: {} files, {} MiB into {} chunk(s) of {} MiB, {} entries not staged, manifest {}",
        seed.seedId(), result.fileCount(), result.sourceBytes() >> 20, result.chunkCount(),
        result.stagedBytes() >> 20, result.skippedCount(), result.manifestPath());
  }

  @Override
  public void failed(WorkContext context, SeedFailed failure) {
    seeds.findById(context.seedId()).ifPresent(seed -> seeds.update(seed.failed(clock.instant(),
        failure.getReason())));
    meters.counter("seedship.staging.failed").increment();
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "check the staging location (free space, permissions, the disk) and the source, then request the seed "
        + "again; chunks already written are kept";
  }

  private static ProgressListener listener(WorkContext context) {
    return new ProgressListener() {
      @Override
      public void progress(io.seedship.staging.chunks.StagingProgress p) {
        double rate = p.bytesPerSecond();
        Long remaining = rate > 0 ? (long) ((p.bytesTotal() - p.bytesDone()) / rate) : null;
        context.progress(StagingProgress.newBuilder()
            .setMetadata(context.progressEvent())
            .setBytesDone(p.bytesDone())
            .setBytesTotal(p.bytesTotal())
            .setFilesDone(p.filesDone())
            .setFilesTotal(p.filesTotal())
            .setChunksWritten(p.chunksWritten())
            .setBytesPerSecond(rate)
            .setEstimatedSecondsRemaining(remaining)
            .build(), p.bytesDone() + " of " + p.bytesTotal() + " bytes, " + p.chunksWritten() + " chunk(s)");
      }

      @Override
      public void notice(String message) {
        log.info("staging seed {}: {}", context.seedId(), message);
      }
    };
  }
}
