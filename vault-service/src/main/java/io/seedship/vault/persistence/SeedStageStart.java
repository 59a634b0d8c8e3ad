package io.seedship.vault.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.seedship.contracts.common.SeedStage;
import java.time.Instant;

/** The first status of a seed's stage: where that stage began. */
@MappedEntity("seed_stage_start")
public record SeedStageStart(@Id String id, String seedId, String stage, Instant startedAt) {

  public static SeedStageStart of(String seedId, SeedStage stage, Instant startedAt) {
    return new SeedStageStart(seedId + "/" + stage.name(), seedId, stage.name(), startedAt);
  }
}
