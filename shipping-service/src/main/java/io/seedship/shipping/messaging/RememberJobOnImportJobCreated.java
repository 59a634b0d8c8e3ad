package io.seedship.shipping.messaging;

import io.seedship.contracts.common.Problem;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.runtime.azure.ArmId;
import io.seedship.runtime.cancel.Cancellation;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.shipping.persistence.SeedLocks;
import io.seedship.shipping.persistence.Shipment;
import io.seedship.shipping.persistence.ShipmentRepository;
import io.seedship.shipping.persistence.ShipmentRequest;
import io.seedship.shipping.persistence.ShipmentRequestRepository;
import io.seedship.shipping.persistence.ShippingJob;
import io.seedship.shipping.persistence.ShippingJobRepository;
import io.seedship.shipping.persistence.TrackingNumbers;
import io.seedship.shipping.rules.ShipmentRules;
import io.seedship.shipping.work.CancelImportJobWork;
import io.seedship.shipping.work.ShipJobWork;
import io.seedship.shipping.work.UnshippedJobWork;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seed's import job exists: remember where it is, its drives and the carriers its datacenter takes; watch the
 * two weeks Azure keeps a job nobody shipped ({@link UnshippedJobWork}); and register shipping details that were given
 * before the job was known, now that every rule can be checked. When the operator's cancel overtook this event
 * (commands travel on another topic), nothing is watched or shipped: the job is cancelled ({@link CancelImportJobWork}).
 */
public class RememberJobOnImportJobCreated implements SeedHandler<ImportJobCreated> {

  private static final Logger log = LoggerFactory.getLogger(RememberJobOnImportJobCreated.class);

  private final ShippingJobRepository jobs;
  private final ShipmentRepository shipments;
  private final ShipmentRequestRepository requests;
  private final TrackingNumbers trackingNumbers;
  private final SeedCancellations cancellations;
  private final SeedLocks locks;
  private final Clock clock;

  public RememberJobOnImportJobCreated(ShippingJobRepository jobs, ShipmentRepository shipments,
                                       ShipmentRequestRepository requests, TrackingNumbers trackingNumbers,
                                       SeedCancellations cancellations, SeedLocks locks, Clock clock) {
    this.jobs = jobs;
    this.shipments = shipments;
    this.requests = requests;
    this.trackingNumbers = trackingNumbers;
    this.cancellations = cancellations;
    this.locks = locks;
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
      log.warn("seed {}: import job id {} is not an ARM resource id; ignored", context.seedId(),
          created.getImportJobId());
      return;
    }
    locks.lock(context.seedId());
    if (jobs.existsById(context.seedId())) {
      return;
    }
    ShippingJob job = jobs.save(new ShippingJob(context.seedId(), created.getImportJobName(),
        id.get().subscriptionId(), id.get().resourceGroup(), created.getLocation(), String.join("\n", created.getDriveIds()),
        String.join("\n", created.getSupportedCarriers()), created.getMetadata().getOccurredAt(), null));
    // under the seed's lock: a CancelSeed handled at the same time is either seen here or sees this job
    Optional<Cancellation> cancelled = cancellations.find(context.seedId());
    requests.findById(context.seedId()).ifPresent(request -> register(request, job, cancelled, context));
    if (cancelled.isPresent()) {
      context.schedule(CancelImportJobWork.KIND);
      log.info("seed {} was {} before its import job {} was known; cancelling the job", context.seedId(),
          cancelled.get().describe(), job.importJobName());
      return;
    }
    context.schedule(UnshippedJobWork.KIND);
  }

  private void register(ShipmentRequest request, ShippingJob job, Optional<Cancellation> cancelled,
                        SeedContext context) {
    String seed = context.seedId();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate given = request.receivedAt().atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate created = ShipmentRules.created(job);
    List<Problem> problems = ShipmentRules.check(seed, job.importJobName(), request.details(), Optional.of(job),
        cancelled, trackingNumbers.owner(request.trackingKey()), today, given.isBefore(created) ? given : created);
    requests.delete(request);
    if (!problems.isEmpty()) {
      trackingNumbers.release(request.trackingKey(), seed);
      log.warn("seed {}: shipment {} given before its job refused now that job {} is known: {}", seed,
          request.details(), job.importJobName(), problems.stream().map(Problem::getMessage).toList());
      context.emit(ShipmentRules.refused(context.next(), job.importJobName(), request.details(), problems,
          null));
      return;
    }
    shipments.save(Shipment.registering(seed, request.details(), request.receivedAt()));
    context.schedule(ShipJobWork.KIND);
    log.info("seed {}: shipment {} given before job {} existed; updating the job now", seed, request.details(),
        job.importJobName());
  }
}
