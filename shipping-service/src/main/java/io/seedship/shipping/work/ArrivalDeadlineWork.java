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
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The two-week rule: drives must reach the datacenter within two weeks of the shipping information, or they may not be
 * processed. One unit waits (deferred, holding nothing) until {@code warningBefore} the deadline on Azure's clock and
 * publishes ArrivalDeadlineWarning; another waits until the deadline and publishes ArrivalDeadlineExpired; each only
 * while the job, as Azure reports it then, has received nothing. A changed package moves the deadline: units read it
 * when they wake, and each deadline is warned of and reported once (the shipment row records which).
 */
public class ArrivalDeadlineWork implements StageWork {

  public static final String WARNING = "arrival-warning";
  public static final String EXPIRY = "arrival-expiry";
  /** Job states in which the datacenter has not received the package. */
  private static final Set<ImportJobState> NOT_RECEIVED = Set.of(ImportJobState.CREATING, ImportJobState.SHIPPING);

  private final String kind;
  private final Duration before;
  private final Duration recheck;
  private final ShippingJobRepository jobs;
  private final ShipmentRepository shipments;
  private final AzureClients azure;

  private ArrivalDeadlineWork(String kind, Duration before, Duration recheck, ShippingJobRepository jobs,
                              ShipmentRepository shipments, AzureClients azure) {
    this.kind = kind;
    this.before = before;
    this.recheck = recheck;
    this.jobs = jobs;
    this.shipments = shipments;
    this.azure = azure;
  }

  public static ArrivalDeadlineWork warning(Duration warningBefore, Duration recheck, ShippingJobRepository jobs,
                                            ShipmentRepository shipments, AzureClients azure) {
    return new ArrivalDeadlineWork(WARNING, warningBefore, recheck, jobs, shipments, azure);
  }

  public static ArrivalDeadlineWork expiry(Duration recheck, ShippingJobRepository jobs, ShipmentRepository shipments,
                                           AzureClients azure) {
    return new ArrivalDeadlineWork(EXPIRY, Duration.ZERO, recheck, jobs, shipments, azure);
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
    if (deadline.equals(kind.equals(WARNING) ? shipment.warnedFor() : shipment.expiredFor())) {
      context.finish(tx -> { }); // another unit reported this deadline
      return;
    }
    Instant now = azure.time().instant();
    Instant due = deadline.minus(before);
    if (now.isBefore(due)) {
      throw WorkDeferred.until(due, now, recheck, kind + " of " + shipment.trackingNumber() + " is due at " + due);
    }
    ShippingJob job = jobs.findById(context.seedId()).orElseThrow();
    ImportJobState state = azure.importJobs(job.subscriptionId()).find(job.resourceGroup(), job.importJobName())
        .map(s -> s.state()).orElse(ImportJobState.UNKNOWN);
    if (!NOT_RECEIVED.contains(state)) {
      context.finish(tx -> { }); // received (or gone): nothing to warn of
      return;
    }
    context.finish(tx -> {
      if (kind.equals(WARNING) && shipments.markWarned(context.seedId(), deadline) == 1) {
        tx.emit(ArrivalDeadlineWarning.newBuilder().setMetadata(context.event(kind))
            .setImportJobName(job.importJobName()).setTrackingNumber(shipment.trackingNumber())
            .setArrivalDeadline(deadline).setRemainingMillis(Math.max(0, Duration.between(now, deadline).toMillis()))
            .build());
      } else if (kind.equals(EXPIRY) && shipments.markExpired(context.seedId(), deadline) == 1) {
        tx.emit(ArrivalDeadlineExpired.newBuilder().setMetadata(context.event(kind))
            .setImportJobName(job.importJobName()).setTrackingNumber(shipment.trackingNumber())
            .setArrivalDeadline(deadline).build());
      }
    });
  }
}
