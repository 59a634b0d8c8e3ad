package io.seedship.vault.messaging;

import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.vault.persistence.VaultSeed;
import io.seedship.vault.persistence.VaultSeedRepository;

/** A seed was accepted: remember the storage account and container its import will land in, and its server. */
public class RememberSeedOnSeedAccepted implements SeedHandler<SeedAccepted> {

  private final VaultSeedRepository seeds;

  public RememberSeedOnSeedAccepted(VaultSeedRepository seeds) {
    this.seeds = seeds;
  }

  @Override
  public Class<SeedAccepted> type() {
    return SeedAccepted.class;
  }

  @Override
  public void handle(SeedAccepted accepted, SeedContext context) {
    if (seeds.existsById(context.seedId())) {
      return;
    }
    SeedRequest r = accepted.getRequest();
    seeds.save(new VaultSeed(context.seedId(), r.getImportJobName(), r.getSubscriptionId(), r.getResourceGroup(),
        r.getStorageAccount(), r.getContainer(), r.getBackupServer(), null, null, null,
        accepted.getMetadata().getOccurredAt(), null, null, null));
  }
}
