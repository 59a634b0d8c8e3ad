package io.seedship.vault.messaging;

import io.seedship.contracts.status.SeedStatus;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.vault.persistence.SeedStageStart;
import io.seedship.vault.persistence.SeedStageStartRepository;

/**
 * Every service's status reports pass here: the first one of each stage is when that stage began, which is how
 * SeedCompleted can say how long each stage took without vault-service consuming every stage's events.
 */
public class RecordStageOnSeedStatus implements SeedHandler<SeedStatus> {

  private final SeedStageStartRepository starts;

  public RecordStageOnSeedStatus(SeedStageStartRepository starts) {
    this.starts = starts;
  }

  @Override
  public Class<SeedStatus> type() {
    return SeedStatus.class;
  }

  @Override
  public void handle(SeedStatus status, SeedContext context) {
    SeedStageStart start = SeedStageStart.of(context.seedId(), status.getStage(),
        status.getMetadata().getOccurredAt());
    if (!starts.existsById(start.id())) {
      starts.save(start);
    }
  }
}
