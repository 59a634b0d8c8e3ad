package io.seedship.staging.messaging;

import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.staging.intake.SeedRequestValidator;
import io.seedship.staging.intake.Validation;
import io.seedship.staging.persistence.StagedSeed;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Initiate offline backup": a seed request is validated as a whole. A refused one publishes SeedFailed with every
 * problem and leaves nothing behind; an accepted one is recorded (its import job name taken) and SeedAccepted goes
 * to cert-service, whose application-ready event starts the staging write.
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
      // a second request under a seed id already accepted (not a replay: those never reach here)
      log.warn("seed {} was already accepted; request {} ignored", context.seedId(), context.cause().getEventId());
      return;
    }
    SeedRequest request = command.getRequest();
    Validation validation = validator.validate(request);
    if (!validation.ok()) {
      log.info("seed {} refused: {}", context.seedId(), validation.reason());
      context.emit(SeedFailed.newBuilder()
          .setMetadata(context.next())
          .setStage(SeedStage.INTAKE)
          .setReason(validation.reason())
          .setProblems(validation.problems())
          .build());
      return;
    }
    long estimate = validation.estimate().orElseThrow().estimatedStagedBytes();
    seeds.save(new StagedSeed(context.seedId(), request.getImportJobName(),
        StagedSeed.jobNameKey(request.getImportJobName()), request.getSubscriptionId().toLowerCase(), encode(request),
        context.cause().getCorrelationId(), stagingDir(request).toString(), estimate, StagingState.ACCEPTED, null,
        null, null, clock.instant(), null, null, null, null, null, null, null, null));
    context.emit(SeedAccepted.newBuilder()
        .setMetadata(context.next())
        .setRequest(request)
        .setEstimatedStagedBytes(estimate)
        .build());
    log.info("seed {} accepted: import job {}, about {} MiB to stage", context.seedId(), request.getImportJobName(),
        estimate >> 20);
  }

  /** Each seed writes into its own directory of the staging location, named after its (unique) import job. */
  public static Path stagingDir(SeedRequest request) {
    return Path.of(request.getStagingLocation()).resolve(request.getImportJobName());
  }

  static byte[] encode(SeedRequest request) {
    try {
      var buffer = request.toByteBuffer();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SeedRequest decode(byte[] bytes) {
    try {
      return SeedRequest.fromByteBuffer(java.nio.ByteBuffer.wrap(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("a stored seed request does not decode", e);
    }
  }
}
