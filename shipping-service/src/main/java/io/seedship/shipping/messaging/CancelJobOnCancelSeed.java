package io.seedship.shipping.messaging;

import io.seedship.contracts.command.CancelSeed;
import io.seedship.runtime.cancel.Cancellation;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.shipping.persistence.SeedLocks;
import io.seedship.shipping.persistence.ShippingJob;
import io.seedship.shipping.persistence.ShippingJobRepository;
import io.seedship.shipping.work.CancelImportJobWork;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator cancels a seed. The cancel is always recorded: it may have overtaken ImportJobCreated, which then finds
 * it ({@link RememberJobOnImportJobCreated}), and it refuses later shipping details. Once shipping-service knows the
 * seed's import job, its work for the seed stops (a pending or running ship, a change, the deadline watches) and
 * {@link CancelImportJobWork} asks Azure to cancel the job. No SeedFailed here: importmonitor- and vault-service end
 * the seed when the cancelled job ends, and Azure may refuse the cancel (the drives are at the datacenter).
 */
public class CancelJobOnCancelSeed implements SeedHandler<CancelSeed> {

  private static final Logger log = LoggerFactory.getLogger(CancelJobOnCancelSeed.class);

  private final ShippingJobRepository jobs;
  private final SeedCancellations cancellations;
  private final SeedLocks locks;

  public CancelJobOnCancelSeed(ShippingJobRepository jobs, SeedCancellations cancellations, SeedLocks locks) {
    this.jobs = jobs;
    this.cancellations = cancellations;
    this.locks = locks;
  }

  @Override
  public Class<CancelSeed> type() {
    return CancelSeed.class;
  }

  @Override
  public void handle(CancelSeed command, SeedContext context) {
    // the seed's lock first: ImportJobCreated, handled at the same time, either sees this cancel or its job is seen here
    locks.lock(context.seedId());
    Cancellation cancel = cancellations.record(command);
    Optional<ShippingJob> job = jobs.findById(context.seedId());
    if (job.isEmpty()) {
      log.info("seed {} was {}; its import job is not known here yet: it is cancelled when it is", context.seedId(),
          cancel.describe());
      return;
    }
    context.stopWork();
    // scheduled after stopWork by this handling, so it runs even though a ship was under way
    context.schedule(CancelImportJobWork.KIND);
    log.info("seed {} was {}; cancelling import job {}", context.seedId(), cancel.describe(),
        job.get().importJobName());
  }
}
