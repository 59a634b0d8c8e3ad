package io.seedship.shipping.work;

import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.shipping.ArrivalDeadlineExpired;
import io.seedship.contracts.shipping.ArrivalDeadlineWarning;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkDeferred;
import io.seedship.shipping.persistence.Shipment;
import io.seedship.shipping.persistence.ShipmentRepository;
import io.seedship.shipping.persistence.ShippingJob;
import io.seedship.shipping.persistence.ShippingJobRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The two-week rule: drives must reach the datacenter within two weeks of the shipping information, or they may not be
 * processed. One unit waits (deferred, holding nothing) until {@code warningBefore} the deadline and publishes
 * ArrivalDeadlineWarning; another waits until the deadline and publishes ArrivalDeadlineExpired; each only while the
 * job, as Azure reports it then, has received nothing, and each once (its event id comes from the work).
 */
public class ArrivalDeadlineWork implements StageWork {

  public static final String WARNING = "arrival-warning";
  public static final String EXPIRY = "arrival-expiry";
  /** Job states in which the datacenter has not received the package. */
  private static final Set<ImportJobState> NOT_RECEIVED = Set.of(ImportJobState.CREATING, ImportJobState.SHIPPING);

  private final String kind;
  private final Duration before;
  private final ShippingJobRepository jobs;
  private final ShipmentRepository shipments;
  private final AzureClients azure;
  private final Clock clock;

  private ArrivalDeadlineWork(String kind, Duration before, ShippingJobRepository jobs, ShipmentRepository shipments,
                              AzureClients azure, Clock clock) {
    this.kind = kind;
    this.before = before;
    this.jobs = jobs;
    this.shipments = shipments;
    this.azure = azure;
    this.clock = clock;
  }

  public static ArrivalDeadlineWork warning(Duration warningBefore, ShippingJobRepository jobs,
                                            ShipmentRepository shipments, AzureClients azure, Clock clock) {
    return new ArrivalDeadlineWork(WARNING, warningBefore, jobs, shipments, azure, clock);
  }

  public static ArrivalDeadlineWork expiry(ShippingJobRepository jobs, ShipmentRepository shipments,
                                           AzureClients azure, Clock clock) {
    return new ArrivalDeadlineWork(EXPIRY, Duration.ZERO, jobs, shipments, azure, clock);
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.SHIPPING;
  }

  @Override
  public void run(WorkContext context) {
    Shipment shipment = shipments.findById(context.seedId()).orElseThrow();
    Instant deadline = shipment.arrivalDeadline();
    Instant due = deadline.minus(before);
    Instant now = clock.instant();
    if (now.isBefore(due)) {
      throw new WorkDeferred(Duration.between(now, due), kind + " of " + shipment.trackingNumber() + " is due at "
          + due);
    }
    ShippingJob job = jobs.findById(context.seedId()).orElseThrow();
    ImportJobState state = azure.importJobs(job.subscriptionId()).find(job.resourceGroup(), job.importJobName())
        .map(s -> s.state()).orElse(ImportJobState.UNKNOWN);
    if (!NOT_RECEIVED.contains(state)) {
      context.finish(tx -> { }); // received (or gone): nothing to warn of
      return;
    }
    context.finish(tx -> tx.emit(kind.equals(WARNING)
        ? ArrivalDeadlineWarning.newBuilder().setMetadata(context.event(kind)).setImportJobName(job.importJobName())
            .setTrackingNumber(shipment.trackingNumber()).setArrivalDeadline(deadline)
            .setRemainingMillis(Math.max(0, Duration.between(now, deadline).toMillis())).build()
        : ArrivalDeadlineExpired.newBuilder().setMetadata(context.event(kind)).setImportJobName(job.importJobName())
            .setTrackingNumber(shipment.trackingNumber()).setArrivalDeadline(deadline).build()));
  }
}
