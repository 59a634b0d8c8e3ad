package io.seedship.staging.messaging;

import io.seedship.contracts.command.CancelSeed;
import io.seedship.contracts.common.SeedStage;
import io.seedship.runtime.cancel.Cancellation;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedFailures;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.staging.persistence.StagedSeed;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator cancels a seed. While staging-service holds it (its source being checked, waiting for its backup
 * server, or being written) the seed ends here: its work is stopped, and the one SeedFailed says what is left behind.
 * Once staging completed, the seed belongs to the next stage, which hears the same cancel; an ended seed stays ended.
 */
public class CancelStagingOnCancelSeed implements SeedHandler<CancelSeed> {

  private static final Logger log = LoggerFactory.getLogger(CancelStagingOnCancelSeed.class);

  private final StagedSeedRepository seeds;
  private final SeedCancellations cancellations;
  private final Clock clock;

  public CancelStagingOnCancelSeed(StagedSeedRepository seeds, SeedCancellations cancellations, Clock clock) {
    this.seeds = seeds;
    this.cancellations = cancellations;
    this.clock = clock;
  }

  @Override
  public Class<CancelSeed> type() {
    return CancelSeed.class;
  }

  @Override
  public void handle(CancelSeed command, SeedContext context) {
    Cancellation cancel = cancellations.record(command);
    StagedSeed seed = seeds.findById(context.seedId()).orElse(null);
    if (seed == null || !seed.state().beforeCompletion()) {
      log.info("seed {} is {} in staging-service; its cancel is for a later stage, if any", context.seedId(),
          seed == null ? "unknown" : seed.state());
      return;
    }
    context.stopWork();
    seeds.update(seed.cancelled(clock.instant(), cancel.describe()));
    SeedStage stage = seed.state() == StagingState.CHECKING ? SeedStage.INTAKE : SeedStage.STAGING;
    context.emit(SeedFailures.cancelled(context.next(), stage, cancel, leftBehind(seed), List.of()));
    log.info("seed {} cancelled while {}", seed.seedId(), seed.state());
  }

  private static String leftBehind(StagedSeed seed) {
    return switch (seed.state()) {
      case WRITING -> "the staging write was stopped; what it wrote stays in " + seed.stagingDir()
          + " (delete that directory to free the space)";
      case READY -> "the staging write was stopped before it wrote anything";
      default -> "nothing was staged";
    };
  }
}
