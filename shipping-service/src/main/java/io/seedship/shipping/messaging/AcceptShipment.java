package io.seedship.shipping.messaging;

import io.seedship.contracts.command.RegisterShipment;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.shipping.ShipmentRefused;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.shipping.persistence.Shipment;
import io.seedship.shipping.persistence.ShipmentRepository;
import io.seedship.shipping.persistence.ShipmentState;
import io.seedship.shipping.persistence.ShippingJobRepository;
import io.seedship.shipping.rules.ShipmentRules;
import io.seedship.shipping.work.ShipJobWork;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's shipping details for a seed: checked against the rules ({@link ShipmentRules}), recorded (the
 * database refuses a tracking number used before, even by a registration racing this one: the handling fails, is
 * redelivered and then refused by the check), and the job's update in Azure scheduled ({@link ShipJobWork}). A
 * registration repeated as it was changes nothing; a different one for a seed already shipped is refused.
 */
public class AcceptShipment implements SeedHandler<RegisterShipment> {

  private static final Logger log = LoggerFactory.getLogger(AcceptShipment.class);

  private final ShippingJobRepository jobs;
  private final ShipmentRepository shipments;
  private final Clock clock;

  public AcceptShipment(ShippingJobRepository jobs, ShipmentRepository shipments, Clock clock) {
    this.jobs = jobs;
    this.shipments = shipments;
    this.clock = clock;
  }

  @Override
  public Class<RegisterShipment> type() {
    return RegisterShipment.class;
  }

  @Override
  public void handle(RegisterShipment command, SeedContext context) {
    String tracking = command.getTrackingNumber() == null ? "" : command.getTrackingNumber().trim();
    Optional<Shipment> existing = shipments.findById(context.seedId());
    if (existing.isPresent()) {
      Shipment s = existing.get();
      if (s.trackingKey().equals(Shipment.trackingKey(tracking)) && s.carrierName().equalsIgnoreCase(
          command.getCarrierName()) && s.driveCount() == command.getDriveCount()
          && s.shipDate().equals(command.getShipDate())) {
        log.info("seed {}: shipment {} is registered already; the same registration changes nothing",
            context.seedId(), tracking);
        return;
      }
      refuse(command, context, List.of(Problem.newBuilder().setField("trackingNumber").setMessage("seed "
          + context.seedId() + " already ships as " + s.carrierName() + " " + s.trackingNumber() + " ("
          + s.state() + "); changing registered shipping details is not supported yet").build()));
      return;
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Problem> problems = ShipmentRules.check(context.seedId(), command, jobs.findById(context.seedId()),
        shipments.findByTrackingKey(Shipment.trackingKey(tracking)), today);
    if (!problems.isEmpty()) {
      refuse(command, context, problems);
      return;
    }
    shipments.save(new Shipment(context.seedId(), Shipment.trackingKey(tracking), tracking,
        command.getCarrierName().trim(), command.getDriveCount(), command.getShipDate(), command.getConfirmedBy(),
        ShipmentState.REGISTERING, clock.instant(), null));
    context.schedule(ShipJobWork.KIND);
    log.info("seed {}: shipment {} {} of {} drive(s) recorded by {}; updating the import job", context.seedId(),
        command.getCarrierName(), tracking, command.getDriveCount(), command.getConfirmedBy());
  }

  private static void refuse(RegisterShipment command, SeedContext context, List<Problem> problems) {
    log.warn("seed {}: shipment {} refused: {}", context.seedId(), command.getTrackingNumber(),
        problems.stream().map(Problem::getMessage).toList());
    context.emit(ShipmentRefused.newBuilder().setMetadata(context.next()).setImportJobName(command.getImportJobName())
        .setTrackingNumber(String.valueOf(command.getTrackingNumber())).setProblems(problems).build());
  }
}
