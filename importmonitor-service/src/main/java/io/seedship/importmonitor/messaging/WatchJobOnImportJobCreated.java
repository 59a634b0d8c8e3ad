package io.seedship.importmonitor.messaging;

import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.importmonitor.persistence.WatchStore;
import io.seedship.importmonitor.persistence.WatchedJob;
import io.seedship.runtime.azure.ArmId;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seed's import job exists: remember it and its resource group, which the poller lists (never Azure from here).
 * The first look at the job publishes its first state, so nothing is said now.
 */
public class WatchJobOnImportJobCreated implements SeedHandler<ImportJobCreated> {

  private static final Logger log = LoggerFactory.getLogger(WatchJobOnImportJobCreated.class);

  private final WatchStore store;
  private final Clock clock;

  public WatchJobOnImportJobCreated(WatchStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Class<ImportJobCreated> type() {
    return ImportJobCreated.class;
  }

  @Override
  public void handle(ImportJobCreated created, SeedContext context) {
    Optional<ArmId> id = ArmId.parse(created.getImportJobId());
    if (id.isEmpty()) {
      log.warn("seed {}: import job id {} is not an ARM resource id; not watched", context.seedId(),
          created.getImportJobId());
      return;
    }
    var cause = created.getMetadata();
    boolean added = store.watch(new WatchedJob(context.seedId(), id.get().subscriptionId(),
        id.get().resourceGroup(), created.getImportJobName(),
        created.getImportJobId(), created.getStorageAccountId(), cause.getEventId(), cause.getCorrelationId(), null,
        null, false, 0, 0), created.getDriveIds(), clock.instant());
    if (added) {
      log.info("seed {}: watching import job {} in resource group {}", context.seedId(), created.getImportJobName(),
          id.get().resourceGroup());
    }
  }
}
