package io.seedship.staging.messaging;

import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import io.seedship.staging.work.StagingWriteWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's backup server is prepared: its staging write may start. The write takes hours, so it runs as durable
 * work ({@link StagingWriteWork}); this handling marks the seed ready and schedules it.
 */
public class StageOnApplicationReady implements SeedHandler<ApplicationReady> {

  private static final Logger log = LoggerFactory.getLogger(StageOnApplicationReady.class);

  private final StagedSeedRepository seeds;

  public StageOnApplicationReady(StagedSeedRepository seeds) {
    this.seeds = seeds;
  }

  @Override
  public Class<ApplicationReady> type() {
    return ApplicationReady.class;
  }

  @Override
  public void handle(ApplicationReady ready, SeedContext context) {
    seeds.findById(context.seedId()).ifPresentOrElse(seed -> {
      if (seed.state() != StagingState.ACCEPTED) {
        log.debug("seed {} is {}; application-ready changes nothing", seed.seedId(), seed.state());
        return;
      }
      if (!seed.subscriptionId().equalsIgnoreCase(ready.getSubscriptionId())) {
        log.warn("application-ready of seed {} names subscription {}, the seed has {}; ignored", seed.seedId(),
            ready.getSubscriptionId(), seed.subscriptionId());
        return;
      }
      seeds.update(seed.ready(context.cause().getEventId(), ready.getCertificateThumbprint()));
      context.schedule(StagingWriteWork.KIND);
    }, () -> log.debug("application-ready for seed {}, which staging-service did not accept; ignored",
        context.seedId()));
  }
}
