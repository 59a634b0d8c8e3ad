package io.seedship.shipping.messaging;

import io.seedship.contracts.command.RegisterShipment;
import io.seedship.contracts.common.Problem;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.shipping.persistence.SeedLocks;
import io.seedship.shipping.persistence.Shipment;
import io.seedship.shipping.persistence.ShipmentRepository;
import io.seedship.shipping.persistence.ShipmentRequest;
import io.seedship.shipping.persistence.ShipmentRequestRepository;
import io.seedship.shipping.persistence.ShipmentState;
import io.seedship.shipping.persistence.ShippingJob;
import io.seedship.shipping.persistence.ShippingJobRepository;
import io.seedship.shipping.persistence.TrackingNumbers;
import io.seedship.shipping.persistence.PackageDetails;
import io.seedship.shipping.rules.ShipmentRules;
import io.seedship.shipping.work.ChangeShipmentWork;
import io.seedship.shipping.work.ShipJobWork;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's shipping details for a seed, checked by {@link ShipmentRules} (a cancelled seed's are refused) and
 * then, by where the seed stands:
 * <ul>
 *   <li>its import job not known yet (the details came first, or ImportJobCreated is still on its way on another
 *   topic): kept as a request, which {@link RememberJobOnImportJobCreated} registers once the job is known;</li>
 *   <li>nothing shipped yet: recorded and the job's update in Azure scheduled ({@link ShipJobWork});</li>
 *   <li>already registered: a change, kept as a request and sent by {@link ChangeShipmentWork} while Azure allows.</li>
 * </ul>
 * The tracking number is reserved in the same transaction (the database refuses it to a second seed, even one racing
 * this one: that handling fails, is redelivered and is then refused by the rules). Details repeated as they are
 * change nothing.
 */
public class AcceptShipment implements SeedHandler<RegisterShipment> {

  private static final Logger log = LoggerFactory.getLogger(AcceptShipment.class);

  private final ShippingJobRepository jobs;
  private final ShipmentRepository shipments;
  private final ShipmentRequestRepository requests;
  private final TrackingNumbers trackingNumbers;
  private final SeedCancellations cancellations;
  private final SeedLocks locks;
  private final Clock clock;

  public AcceptShipment(ShippingJobRepository jobs, ShipmentRepository shipments, ShipmentRequestRepository requests,
                        TrackingNumbers trackingNumbers, SeedCancellations cancellations, SeedLocks locks,
                        Clock clock) {
    this.jobs = jobs;
    this.shipments = shipments;
    this.requests = requests;
    this.trackingNumbers = trackingNumbers;
    this.cancellations = cancellations;
    this.locks = locks;
    this.clock = clock;
  }

  @Override
  public Class<RegisterShipment> type() {
    return RegisterShipment.class;
  }

  @Override
  public void handle(RegisterShipment command, SeedContext context) {
    locks.lock(context.seedId());
    String seed = context.seedId();
    PackageDetails details = PackageDetails.of(command);
    Optional<Shipment> shipment = shipments.findById(seed);
    Optional<ShipmentRequest> request = requests.findById(seed);
    if (request.map(r -> r.details().samePackage(details))
        .orElse(shipment.map(s -> s.details().samePackage(details)).orElse(false))) {
      log.info("seed {}: shipment {} is known already; the same details change nothing", seed, details);
      return;
    }
    Optional<ShippingJob> job = jobs.findById(seed);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Problem> problems = ShipmentRules.check(seed, command.getImportJobName(), details, job,
        cancellations.find(seed), trackingNumbers.owner(details.trackingKey()), today,
        job.map(ShipmentRules::created).orElse(today));
    if (problems.isEmpty() && (shipment.filter(s -> s.state() == ShipmentState.REGISTERING).isPresent()
        || (shipment.isPresent() && request.isPresent()))) {
      problems = List.of(ShipmentRules.problem("trackingNumber", "seed " + seed + "'s package is being registered"
          + " on Azure right now (" + shipment.get().details() + "): give the change once ShipmentRegistered has"
          + " been published"));
    }
    if (!problems.isEmpty()) {
      log.warn("seed {}: shipment {} refused: {}", seed, details, problems.stream().map(Problem::getMessage).toList());
      context.emit(ShipmentRules.refused(context.next(), job.map(ShippingJob::importJobName)
          .orElse(command.getImportJobName()), details, problems,
          shipment.map(Shipment::trackingNumber).orElse(null)));
      return;
    }
    request.ifPresent(earlier -> {
      requests.delete(earlier);
      trackingNumbers.release(earlier.trackingKey(), seed);
    });
    trackingNumbers.reserve(details.trackingKey(), seed, clock.instant());
    if (job.isEmpty()) {
      requests.save(ShipmentRequest.of(seed, details, clock.instant()));
      log.info("seed {}: shipment {} recorded by {}; it is registered once the seed's import job is known", seed,
          details, details.confirmedBy());
    } else if (shipment.isEmpty()) {
      shipments.save(Shipment.registering(seed, details, clock.instant()));
      context.schedule(ShipJobWork.KIND);
      log.info("seed {}: shipment {} recorded by {}; updating the import job", seed, details, details.confirmedBy());
    } else {
      requests.save(ShipmentRequest.of(seed, details, clock.instant()));
      context.schedule(ChangeShipmentWork.KIND);
      log.info("seed {}: shipment changed by {} from {} to {}; asking Azure", seed, details.confirmedBy(),
          shipment.get().details(), details);
    }
  }
}
