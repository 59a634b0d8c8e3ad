package io.seedship.diskprep.messaging;

import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.diskprep.persistence.PrepSeed;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seed was accepted: when it names this copy machine, remember it (its request carries what the import job needs).
 * Every agent sees every seed (each copy machine consumes in a group of its own); the others ignore it.
 */
public class RememberSeedOnSeedAccepted implements SeedHandler<SeedAccepted> {

  private static final Logger log = LoggerFactory.getLogger(RememberSeedOnSeedAccepted.class);

  private final String copyMachine;
  private final PrepSeedRepository seeds;
  private final SeedshipCodec codec;
  private final Clock clock;

  public RememberSeedOnSeedAccepted(String copyMachine, PrepSeedRepository seeds, SeedshipCodec codec, Clock clock) {
    this.copyMachine = copyMachine;
    this.seeds = seeds;
    this.codec = codec;
    this.clock = clock;
  }

  @Override
  public Class<SeedAccepted> type() {
    return SeedAccepted.class;
  }

  @Override
  public void handle(SeedAccepted accepted, SeedContext context) {
    String named = accepted.getRequest().getCopyMachine();
    if (!copyMachine.equals(named)) {
      log.debug("seed {} is for copy machine {}, not {}; ignored", context.seedId(), named, copyMachine);
      return;
    }
    if (seeds.existsById(context.seedId())) {
      return;
    }
    seeds.save(PrepSeed.accepted(context.seedId(), codec.encode(accepted), clock.instant()));
    log.info("seed {} ({}) will be prepared on this copy machine once staged", context.seedId(),
        accepted.getRequest().getImportJobName());
  }
}
