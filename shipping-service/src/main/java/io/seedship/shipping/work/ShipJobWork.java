package io.seedship.shipping.work;

import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.shipping.ShipmentRegistered;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.importjobs.DeliveryPackage;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.shipping.persistence.Shipment;
import io.seedship.shipping.persistence.ShipmentRepository;
import io.seedship.shipping.persistence.ShipmentState;
import io.seedship.shipping.persistence.ShippingJob;
import io.seedship.shipping.persistence.ShippingJobRepository;
import io.seedship.shipping.persistence.PackageDetails;
import java.time.Duration;
import java.time.Instant;

/**
 * Records the delivery package on the seed's import job, which moves it to Shipping, through the runtime's
 * {@code ImportJobs}: sending the same package again changes nothing there, so a crash between Azure's answer and this
 * commit neither loses the registration nor makes a second one. Then ShipmentRegistered, with the arrival deadline the
 * documentation sets: two weeks after the shipping information on Azure's clock, whose warning and expiry are
 * scheduled with it ({@link ArrivalDeadlineWork}). A unit that was running when the seed was cancelled does not ship
 * once it sees the cancel (its work is stopped, and {@link CancelImportJobWork} cancels the job whether or not the
 * package reached Azure).
 */
public class ShipJobWork implements StageWork {

  public static final String KIND = "ship-job";

  private final ShippingJobRepository jobs;
  private final ShipmentRepository shipments;
  private final SeedCancellations cancellations;
  private final AzureClients azure;
  private final Duration arrivalLimit;

  public ShipJobWork(ShippingJobRepository jobs, ShipmentRepository shipments, SeedCancellations cancellations,
                     AzureClients azure, Duration arrivalLimit) {
    this.arrivalLimit = arrivalLimit;
    this.jobs = jobs;
    this.shipments = shipments;
    this.cancellations = cancellations;
    this.azure = azure;
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
    Shipment shipment = shipments.findById(context.seedId()).orElseThrow();
    if (shipment.state() == ShipmentState.REGISTERED) {
      return;
    }
    if (cancellations.find(context.seedId()).isPresent()) {
      return; // cancelled since this unit started: the unit is stopped, nothing more goes to Azure
    }
    ShippingJob job = jobs.findById(context.seedId()).orElseThrow();
    azure.importJobs(job.subscriptionId()).ship(job.resourceGroup(), job.importJobName(), deliveryPackage(
        shipment.details()));
    Instant deadline = azure.time().instant().plus(arrivalLimit);
    context.finish(tx -> {
      shipments.update(shipment.registered(deadline));
      tx.emit(registered(context.event("registered"), job, shipment.details(), deadline, null));
      tx.schedule(ArrivalDeadlineWork.WARNING);
      tx.schedule(ArrivalDeadlineWork.EXPIRY);
    });
  }

  static DeliveryPackage deliveryPackage(PackageDetails details) {
    return new DeliveryPackage(details.carrierName(), details.trackingNumber(), details.driveCount(),
        details.shipDate());
  }

  static ShipmentRegistered registered(EventMetadata metadata, ShippingJob job, PackageDetails details,
                                       Instant deadline, String replaces) {
    return ShipmentRegistered.newBuilder().setMetadata(metadata).setImportJobName(job.importJobName())
        .setCarrierName(details.carrierName()).setTrackingNumber(details.trackingNumber())
        .setDriveCount(details.driveCount()).setShipDate(details.shipDate()).setArrivalDeadline(deadline)
        .setReplacesTrackingNumber(replaces).build();
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "check shipping-service's Azure access to the import job (see its log); the shipment stays recorded";
  }
}
