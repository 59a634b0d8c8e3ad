package io.seedship.runtime.testapp.work;

import io.seedship.contracts.command.CancelSeed;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.staging.StagingProgress;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.cancel.Cancellation;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.SeedFailures;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkFailure;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A stage made for the runtime's work tests, in the shape every stage has: a thin handler records the seed and
 * schedules work; the work does the slow part and finishes with its state and its event. What the work does is in
 * the request's {@code requestedBy}:
 * <ul>
 *   <li>{@code slow:<ms>}: works that long, reporting progress each 200 ms, then completes;</li>
 *   <li>{@code throttled:<s>}: Azure answers 429 with Retry-After {@code s} on the first run, then it completes;</li>
 *   <li>{@code broken}: fails every time (retried, then the seed fails);</li>
 *   <li>{@code refused}: fails in a way no retry mends (the seed fails at once);</li>
 *   <li>anything else: completes at once.</li>
 * </ul>
 * Completing emits StagingCompleted, the "completion event" the tests count.
 */
@SpringBootApplication
public class WorkTestApplication {

  public static final String KIND = "test-work";
  /** A second kind, one at a time per instance: {@code limited:<ms>} works that long, then completes. */
  public static final String LIMITED = "test-limited";
  public static final AtomicInteger LIMITED_RUNNING = new AtomicInteger();
  public static final AtomicInteger LIMITED_PEAK = new AtomicInteger();
  /** Runs of {@code slow:} work in progress now. */
  public static final AtomicInteger SLOW_RUNNING = new AtomicInteger();

  public static void main(String[] args) {
    SpringApplication.run(WorkTestApplication.class, args);
  }

  @Bean
  SeedHandler<RequestSeed> scheduleWork(JdbcTemplate jdbc) {
    return SeedHandler.of(RequestSeed.class, (command, context) -> {
      jdbc.update("insert into work_seed (seed_id, behaviour, state, runs) values (?, ?, 'SCHEDULED', 0)",
          context.seedId(), command.getRequest().getRequestedBy());
      context.schedule(command.getRequest().getRequestedBy().startsWith("limited:") ? LIMITED : KIND);
    });
  }

  /** A cancel, as stages take it: recorded, the seed's work stopped, the seed ended as cancelled. */
  @Bean
  SeedHandler<CancelSeed> cancelWork(JdbcTemplate jdbc, SeedCancellations cancellations) {
    return SeedHandler.of(CancelSeed.class, (command, context) -> {
      Cancellation cancel = cancellations.record(command);
      context.stopWork();
      jdbc.update("update work_seed set state = 'CANCELLED' where seed_id = ?", context.seedId());
      context.emit(SeedFailures.cancelled(context.next(), SeedStage.STAGING, cancel, "the test work was stopped",
          List.of()));
    });
  }

  @Bean
  StageWork limitedWork(JdbcTemplate jdbc) {
    return new StageWork() {
      @Override
      public String kind() {
        return LIMITED;
      }

      @Override
      public SeedStage stage() {
        return SeedStage.STAGING;
      }

      @Override
      public int maxConcurrent() {
        return 1;
      }

      @Override
      public void run(WorkContext context) throws Exception {
        LIMITED_PEAK.accumulateAndGet(LIMITED_RUNNING.incrementAndGet(), Math::max);
        try {
          Thread.sleep(Long.parseLong(context.input(RequestSeed.class).getRequest().getRequestedBy().substring(8)));
        } finally {
          LIMITED_RUNNING.decrementAndGet();
        }
        context.finish(tx -> {
          jdbc.update("update work_seed set state = 'DONE', runs = runs + 1 where seed_id = ?", context.seedId());
          tx.emit(StagingCompleted.newBuilder().setMetadata(context.event("completed")).setStagingLocation("/x")
              .setManifestPath("/x/m").setManifestSha256("00").setSourceBytes(1).setStagedBytes(1).setFileCount(1)
              .setChunkCount(1).build());
        });
      }
    };
  }

  @Bean
  StageWork testWork(JdbcTemplate jdbc) {
    return new StageWork() {
      @Override
      public String kind() {
        return KIND;
      }

      @Override
      public SeedStage stage() {
        return SeedStage.STAGING;
      }

      @Override
      public void run(WorkContext context) throws Exception {
        jdbc.update("update work_seed set runs = runs + 1 where seed_id = ?", context.seedId());
        String behaviour = context.input(RequestSeed.class).getRequest().getRequestedBy();
        if (behaviour.startsWith("slow:")) {
          Instant end = Instant.now().plusMillis(Long.parseLong(behaviour.substring(5)));
          long done = 0;
          SLOW_RUNNING.incrementAndGet();
          try {
            while (Instant.now().isBefore(end)) {
              Thread.sleep(200);
              done++;
              context.progress(StagingProgress.newBuilder().setMetadata(context.progressEvent()).setBytesDone(done)
                  .setBytesTotal(100).setFilesDone(done).setFilesTotal(100).setChunksWritten(0)
                  .setBytesPerSecond(5).setEstimatedSecondsRemaining(null).build(), "step " + done);
            }
          } finally {
            SLOW_RUNNING.decrementAndGet();
          }
        } else if (behaviour.startsWith("throttled:") && context.attempt() == 1
            && jdbc.queryForObject("select runs from work_seed where seed_id = ?", Integer.class,
            context.seedId()) == 1) {
          throw new AzureException.Throttled("TooManyRequests", "the test's Azure is busy",
              Long.parseLong(behaviour.substring(10)), null);
        } else if (behaviour.equals("broken")) {
          throw new IllegalStateException("the test's disk is on fire");
        } else if (behaviour.equals("refused")) {
          throw WorkFailure.of("sourcePath", "sourcePath is not what the test wants",
              "give the test another source");
        }
        context.finish(tx -> {
          jdbc.update("update work_seed set state = 'DONE' where seed_id = ?", context.seedId());
          tx.emit(StagingCompleted.newBuilder().setMetadata(context.event("completed")).setStagingLocation("/x")
              .setManifestPath("/x/m").setManifestSha256("00").setSourceBytes(1).setStagedBytes(1).setFileCount(1)
              .setChunkCount(1).build());
        });
      }

      @Override
      public void failed(WorkContext context, SeedFailed failure) {
        jdbc.update("update work_seed set state = 'FAILED' where seed_id = ?", context.seedId());
      }

      @Override
      public String whatToDo(Throwable cause) {
        return "put out the fire";
      }
    };
  }
}
