package io.seedship.staging.work;

import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkFailure;
import io.seedship.staging.intake.SeedRequestValidator;
import io.seedship.staging.intake.Validation;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow half of intake: walks and sizes the source, checks the staging location's room for it, then accepts the
 * seed (SeedAccepted, on to cert-service) or refuses it with every problem, leaving nothing behind (its import job
 * name is free again).
 */
public class CheckSourceWork implements StageWork {

  public static final String KIND = "check-source";
  private static final Logger log = LoggerFactory.getLogger(CheckSourceWork.class);

  private final SeedRequestValidator validator;
  private final StagedSeedRepository seeds;

  public CheckSourceWork(SeedRequestValidator validator, StagedSeedRepository seeds) {
    this.validator = validator;
    this.seeds = seeds;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.INTAKE;
  }

  @Override
  public void run(WorkContext context) {
    SeedRequest request = context.input(RequestSeed.class).getRequest();
    Validation validation = validator.checkSource(request);
    if (!validation.ok()) {
      throw new WorkFailure(validation.reason(), "correct the fields named and request the seed again",
          validation.problems());
    }
    long estimate = validation.estimate().orElseThrow().estimatedStagedBytes();
    context.finish(out -> {
      seeds.findById(context.seedId()).filter(s -> s.state() == StagingState.CHECKING)
          .ifPresent(seed -> seeds.update(seed.accepted(estimate)));
      out.emit(SeedAccepted.newBuilder().setMetadata(context.event("accepted")).setRequest(request)
          .setEstimatedStagedBytes(estimate).build());
    });
    log.info("seed {} accepted: import job {}, about {} MiB to stage", context.seedId(), request.getImportJobName(),
        estimate >> 20);
  }

  /** A refused seed leaves nothing: its row goes, and with it the hold on its import job name. */
  @Override
  public void failed(WorkContext context, SeedFailed failure) {
    seeds.findById(context.seedId()).filter(s -> s.state() == StagingState.CHECKING).ifPresent(seeds::delete);
  }
}
