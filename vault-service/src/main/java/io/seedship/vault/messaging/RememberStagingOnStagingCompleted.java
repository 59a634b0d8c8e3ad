package io.seedship.vault.messaging;

import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.vault.persistence.VaultSeedRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staging is written: remember the SHA-256 of its manifest. The manifest travels on the drives with the data, and
 * this hash (which came over Kafka, not on the drives) is what makes the imported copy of it trustworthy.
 */
public class RememberStagingOnStagingCompleted implements SeedHandler<StagingCompleted> {

  private static final Logger log = LoggerFactory.getLogger(RememberStagingOnStagingCompleted.class);

  private final VaultSeedRepository seeds;

  public RememberStagingOnStagingCompleted(VaultSeedRepository seeds) {
    this.seeds = seeds;
  }

  @Override
  public Class<StagingCompleted> type() {
    return StagingCompleted.class;
  }

  @Override
  public void handle(StagingCompleted staged, SeedContext context) {
    seeds.findById(context.seedId()).ifPresentOrElse(
        seed -> seeds.update(seed.staged(staged.getManifestSha256(), staged.getStagedBytes(), staged.getChunkCount())),
        () -> log.warn("seed {}: staged, but its SeedAccepted was never seen here; its import cannot be verified",
            context.seedId()));
  }
}
