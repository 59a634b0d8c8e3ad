package io.seedship.staging.messaging;

import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.SeedStage;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedFailures;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.staging.intake.SeedRequestValidator;
import io.seedship.staging.intake.Validation;
import io.seedship.staging.persistence.SeedRequests;
import io.seedship.staging.persistence.StagedSeed;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import io.seedship.staging.work.CheckSourceWork;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Initiate offline backup": a seed request passes the quick checks (every field, bounded reads, no walk of the
 * source) or is refused with every problem and leaves nothing behind. A request that passes takes its import job
 * name and has its source sized as durable work ({@link CheckSourceWork}): the walk grows with the data and has no
 * place in a Kafka transaction.
 */
public class AcceptSeedRequest implements SeedHandler<RequestSeed> {

  private static final Logger log = LoggerFactory.getLogger(AcceptSeedRequest.class);

  private final SeedRequestValidator validator;
  private final StagedSeedRepository seeds;
  private final Clock clock;

  public AcceptSeedRequest(SeedRequestValidator validator, StagedSeedRepository seeds, Clock clock) {
    this.validator = validator;
    this.seeds = seeds;
    this.clock = clock;
  }

  @Override
  public Class<RequestSeed> type() {
    return RequestSeed.class;
  }

  @Override
  public void handle(RequestSeed command, SeedContext context) {
    if (seeds.existsById(context.seedId())) {
      // a second request under a seed id already taken (not a replay: those never reach here)
      log.warn("seed {} was already requested; request {} ignored", context.seedId(), context.cause().getEventId());
      return;
    }
    SeedRequest request = command.getRequest();
    Validation validation = validator.validate(request);
    if (!validation.ok()) {
      log.info("seed {} refused: {}", context.seedId(), validation.reason());
      context.emit(SeedFailures.of(context.next(), SeedStage.INTAKE, validation.reason(),
          "correct the fields named and request the seed again", validation.problems()));
      return;
    }
    seeds.save(new StagedSeed(context.seedId(), request.getImportJobName(),
        StagedSeed.jobNameKey(request.getImportJobName()), request.getSubscriptionId().toLowerCase(),
        SeedRequests.encode(request), context.cause().getCorrelationId(), SeedRequests.stagingDir(request).toString(),
        0, StagingState.CHECKING, null, null, clock.instant(), null, null, null, null, null, null, null, null));
    context.schedule(CheckSourceWork.KIND);
    log.info("seed {} passed the quick checks: import job {}; sizing its source", context.seedId(),
        request.getImportJobName());
  }
}
