package io.seedship.shipping.rules;

import io.seedship.contracts.command.RegisterShipment;
import io.seedship.contracts.common.Problem;
import io.seedship.shipping.persistence.Shipment;
import io.seedship.shipping.persistence.ShippingJob;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The documented shipping rules for one registration, each refusal naming the field: the job must exist; the carrier
 * must be one the datacenter takes; all the job's drives travel in one package; the ship date is not in the future
 * nor before the job; a tracking number names one package of one job, ever. The database holds the last two as
 * constraints too (see the shipment table), so registrations that race cannot both pass.
 */
public final class ShipmentRules {

  private static final Pattern TRACKING = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{3,98}[A-Za-z0-9]");

  private ShipmentRules() {
  }

  /**
   * @param job         the seed's import job, empty when shipping-service has not seen it
   * @param byTracking  the shipment that already uses the tracking number, if any
   */
  public static List<Problem> check(String seedId, RegisterShipment command, Optional<ShippingJob> job,
                                    Optional<Shipment> byTracking, LocalDate today) {
    List<Problem> problems = new ArrayList<>();
    String tracking = command.getTrackingNumber() == null ? "" : command.getTrackingNumber().trim();
    if (!TRACKING.matcher(tracking).matches()) {
      problems.add(problem("trackingNumber", "trackingNumber '" + tracking + "' must be 5 to 100 letters, digits,"
          + " blanks or '-', as the carrier printed it"));
    }
    byTracking.filter(s -> !s.seedId().equals(seedId)).ifPresent(other -> problems.add(problem("trackingNumber",
        "tracking number " + tracking + " is already the package of seed " + other.seedId() + ": drives of different"
            + " import jobs never share a package, and a tracking number is never reused")));
    if (command.getConfirmedBy() == null || command.getConfirmedBy().isBlank()) {
      problems.add(problem("confirmedBy", "confirmedBy must name who reviewed and committed the shipment"));
    }
    if (job.isEmpty()) {
      problems.add(problem("importJobName", "seed " + seedId + " has no import job shipping-service knows of: register"
          + " the shipment once ImportJobCreated has been published for it"));
      return problems;
    }
    ShippingJob j = job.get();
    if (!j.importJobName().equalsIgnoreCase(command.getImportJobName())) {
      problems.add(problem("importJobName", "importJobName " + command.getImportJobName() + " is not seed " + seedId
          + "'s import job " + j.importJobName()));
    }
    String carrier = command.getCarrierName() == null ? "" : command.getCarrierName().trim();
    if (j.carrierList().stream().noneMatch(c -> c.equalsIgnoreCase(carrier))) {
      problems.add(problem("carrierName", "carrierName '" + carrier + "' is not a carrier the " + j.location()
          + " datacenter accepts (" + String.join(", ", j.carrierList()) + ")"));
    }
    int drives = j.driveIdList().size();
    if (command.getDriveCount() != drives) {
      problems.add(problem("driveCount", "driveCount is " + command.getDriveCount() + " but import job "
          + j.importJobName() + " has " + drives + " drive(s): all drives of a job travel in one package"));
    }
    LocalDate shipDate = command.getShipDate();
    LocalDate created = j.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
    if (shipDate == null || shipDate.isAfter(today)) {
      problems.add(problem("shipDate", "shipDate " + shipDate + " is in the future: register the shipment once the"
          + " drives are handed to the carrier (today is " + today + ")"));
    } else if (shipDate.isBefore(created)) {
      problems.add(problem("shipDate", "shipDate " + shipDate + " is before import job " + j.importJobName()
          + " was created (" + created + ")"));
    }
    return problems;
  }

  private static Problem problem(String field, String message) {
    return Problem.newBuilder().setField(field).setMessage(message).build();
  }
}
