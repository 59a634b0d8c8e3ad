package io.seedship.diskprep.messaging;

import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.diskprep.persistence.PrepState;
import io.seedship.diskprep.work.OfferDrivesWork;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seed of this copy machine is staged: read its staging and offer drives for it. Reading the staging location and
 * the drives is the outside world, so it runs as work ({@link OfferDrivesWork}).
 */
public class OfferDrivesOnStagingCompleted implements SeedHandler<StagingCompleted> {

  private static final Logger log = LoggerFactory.getLogger(OfferDrivesOnStagingCompleted.class);

  private final PrepSeedRepository seeds;

  public OfferDrivesOnStagingCompleted(PrepSeedRepository seeds) {
    this.seeds = seeds;
  }

  @Override
  public Class<StagingCompleted> type() {
    return StagingCompleted.class;
  }

  @Override
  public void handle(StagingCompleted staged, SeedContext context) {
    seeds.findById(context.seedId()).ifPresentOrElse(seed -> {
      if (seed.state() == PrepState.ACCEPTED) {
        context.schedule(OfferDrivesWork.KIND);
      } else {
        log.debug("seed {} is {}; staging-completed changes nothing", seed.seedId(), seed.state());
      }
    }, () -> log.debug("seed {} is not prepared on this copy machine; ignored", context.seedId()));
  }
}
