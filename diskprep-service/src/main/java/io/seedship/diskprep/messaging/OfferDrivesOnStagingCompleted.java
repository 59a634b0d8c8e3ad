package io.seedship.diskprep.messaging;

import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.diskprep.persistence.PrepSeed;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.diskprep.persistence.PrepState;
import io.seedship.diskprep.work.OfferDrivesWork;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedFailures;
import io.seedship.runtime.messaging.SeedHandler;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seed of this copy machine is staged: from now on it is this copy machine's. Read its staging and offer drives
 * for it; reading the staging location and the drives is the outside world, so it runs as work
 * ({@link OfferDrivesWork}). A seed whose cancel was heard before (staging completed before staging-service heard it)
 * ends here instead, with no drive offered.
 */
public class OfferDrivesOnStagingCompleted implements SeedHandler<StagingCompleted> {

  private static final Logger log = LoggerFactory.getLogger(OfferDrivesOnStagingCompleted.class);

  private final PrepSeedRepository seeds;
  private final SeedCancellations cancellations;
  private final Clock clock;

  public OfferDrivesOnStagingCompleted(PrepSeedRepository seeds, SeedCancellations cancellations, Clock clock) {
    this.seeds = seeds;
    this.cancellations = cancellations;
    this.clock = clock;
  }

  @Override
  public Class<StagingCompleted> type() {
    return StagingCompleted.class;
  }

  @Override
  public void handle(StagingCompleted staged, SeedContext context) {
    // locked before the cancels are read: a cancel handled meanwhile either is seen here or sees OFFERING
    PrepSeed seed = seeds.findByIdForUpdate(context.seedId()).orElse(null);
    if (seed == null) {
      log.debug("seed {} is not prepared on this copy machine; ignored", context.seedId());
      return;
    }
    if (seed.state() != PrepState.ACCEPTED) {
      log.debug("seed {} is {}; staging-completed changes nothing", seed.seedId(), seed.state());
      return;
    }
    var cancel = cancellations.find(seed.seedId());
    if (cancel.isPresent()) {
      seeds.update(seed.cancelled(clock.instant()));
      context.emit(SeedFailures.cancelled(context.next(), SeedStage.DISK_PREP, cancel.get(),
          "staging had completed; no drive was offered and no drive was touched", List.of()));
      log.info("seed {} was cancelled before its staging completed; no drive is offered", seed.seedId());
      return;
    }
    seeds.update(seed.offering(clock.instant()));
    context.schedule(OfferDrivesWork.KIND);
  }
}
