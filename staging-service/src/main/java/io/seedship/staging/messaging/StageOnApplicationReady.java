package io.seedship.staging.messaging;

import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import io.seedship.staging.writing.StagingJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The seed's backup server is prepared: its staging write may start. The write runs outside this handling (it takes
 * hours): the seed is marked ready here, and the writers are woken once that commits.
 */
public class StageOnApplicationReady implements SeedHandler<ApplicationReady> {

  private static final Logger log = LoggerFactory.getLogger(StageOnApplicationReady.class);

  private final StagedSeedRepository seeds;
  private final StagingJobs jobs;

  public StageOnApplicationReady(StagedSeedRepository seeds, StagingJobs jobs) {
    this.seeds = seeds;
    this.jobs = jobs;
  }

  @Override
  public Class<ApplicationReady> type() {
    return ApplicationReady.class;
  }

  @Override
  public void handle(ApplicationReady ready, SeedContext context) {
    seeds.findById(context.seedId()).ifPresentOrElse(seed -> {
      if (seed.state() != StagingState.ACCEPTED) {
        log.debug("seed {} is already {}; application-ready changes nothing", seed.seedId(), seed.state());
        return;
      }
      if (!seed.subscriptionId().equalsIgnoreCase(ready.getSubscriptionId())) {
        log.warn("application-ready of seed {} names subscription {}, the seed has {}; ignored", seed.seedId(),
            ready.getSubscriptionId(), seed.subscriptionId());
        return;
      }
      seeds.update(seed.ready(context.cause().getEventId(), ready.getCertificateThumbprint()));
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          jobs.wake();
        }
      });
    }, () -> log.debug("application-ready for seed {}, which staging-service did not accept; ignored",
        context.seedId()));
  }
}
