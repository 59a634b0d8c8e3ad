package io.seedship.shipping.work;

import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.SeedStage;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.shipping.persistence.Shipment;
import io.seedship.shipping.persistence.ShipmentRepository;
import io.seedship.shipping.persistence.ShipmentRequest;
import io.seedship.shipping.persistence.ShipmentRequestRepository;
import io.seedship.shipping.persistence.ShippingJob;
import io.seedship.shipping.persistence.ShippingJobRepository;
import io.seedship.shipping.persistence.TrackingNumbers;
import io.seedship.shipping.persistence.PackageDetails;
import io.seedship.shipping.rules.ShipmentRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A changed package for a seed already shipping (a corrected tracking number, another carrier): sent to Azure while
 * the datacenter has not received the drives (the job Creating or Shipping), then ShipmentRegistered again, naming the
 * tracking number it replaces, with a new arrival deadline. Once the drives are received the change is refused: the
 * registered package stays as it was. The old tracking number stays the seed's: Azure has seen it.
 */
public class ChangeShipmentWork implements StageWork {

  public static final String KIND = "change-shipment";
  private static final Set<ImportJobState> CHANGEABLE = Set.of(ImportJobState.CREATING, ImportJobState.SHIPPING);

  private final ShippingJobRepository jobs;
  private final ShipmentRepository shipments;
  private final ShipmentRequestRepository requests;
  private final TrackingNumbers trackingNumbers;
  private final SeedCancellations cancellations;
  private final AzureClients azure;
  private final Duration arrivalLimit;

  public ChangeShipmentWork(ShippingJobRepository jobs, ShipmentRepository shipments,
                            ShipmentRequestRepository requests, TrackingNumbers trackingNumbers,
                            SeedCancellations cancellations, AzureClients azure, Duration arrivalLimit) {
    this.jobs = jobs;
    this.shipments = shipments;
    this.requests = requests;
    this.trackingNumbers = trackingNumbers;
    this.cancellations = cancellations;
    this.azure = azure;
    this.arrivalLimit = arrivalLimit;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.SHIPPING;
  }

  @Override
  public void run(WorkContext context) {
    Optional<ShipmentRequest> pending = requests.findById(context.seedId());
    if (pending.isEmpty()) {
      context.finish(tx -> { }); // finished before a crash lost only this unit's ending
      return;
    }
    if (cancellations.find(context.seedId()).isPresent()) {
      return; // cancelled since this unit started: the unit is stopped, nothing more goes to Azure
    }
    ShipmentRequest request = pending.get();
    Shipment shipment = shipments.findById(context.seedId()).orElseThrow();
    ShippingJob job = jobs.findById(context.seedId()).orElseThrow();
    ImportJobs importJobs = azure.importJobs(job.subscriptionId());
    Optional<ImportJobStatus> onAzure = importJobs.find(job.resourceGroup(), job.importJobName());
    ImportJobState state = onAzure.map(ImportJobStatus::state).orElse(ImportJobState.UNKNOWN);
    // after a crash between Azure's answer and the commit, Azure holds the change already: finish it
    boolean sentBefore = onAzure.map(ImportJobStatus::deliveryPackage).map(p -> new PackageDetails(p.carrierName(),
        p.trackingNumber(), p.driveCount(), p.shipDate(), "")).filter(request.details()::samePackage).isPresent();
    if (!CHANGEABLE.contains(state) && !sentBefore) {
      context.finish(tx -> {
        requests.delete(request);
        trackingNumbers.release(request.trackingKey(), context.seedId());
        tx.emit(ShipmentRules.refused(context.event("refused"), job.importJobName(), request.details(), List.of(
            ShipmentRules.problem("trackingNumber", "import job " + job.importJobName() + " is " + state + ": its"
                + " package can be changed only until the datacenter receives the drives (Creating or Shipping);"
                + " it stays " + shipment.details())), shipment.trackingNumber()));
      });
      return;
    }
    importJobs.ship(job.resourceGroup(), job.importJobName(), ShipJobWork.deliveryPackage(request.details()));
    Instant now = azure.time().instant();
    Instant deadline = now.plus(arrivalLimit);
    context.finish(tx -> {
      shipments.update(shipment.changedTo(request.details(), now, deadline));
      requests.delete(request);
      tx.emit(ShipJobWork.registered(context.event("registered"), job, request.details(), deadline,
          shipment.trackingNumber()));
      tx.schedule(ArrivalDeadlineWork.WARNING);
      tx.schedule(ArrivalDeadlineWork.EXPIRY);
    });
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "check shipping-service's Azure access to the import job (see its log); the change stays requested and the"
        + " package registered before stays as it was";
  }
}
