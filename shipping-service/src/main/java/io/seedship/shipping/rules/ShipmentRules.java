package io.seedship.shipping.rules;

import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.shipping.ShipmentRefused;
import io.seedship.runtime.cancel.Cancellation;
import io.seedship.shipping.persistence.PackageDetails;
import io.seedship.shipping.persistence.ShippingJob;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The documented shipping rules for one package, each refusal naming the field. Without the job: the seed was not
 * cancelled (nothing is sent to Azure for a cancelled seed: its job is being cancelled); the tracking number
 * is well formed and names no other seed's package, ever; someone confirmed; the ship date is not in the future. With
 * the job too: the job named is the seed's; the carrier is one the datacenter takes; all the job's drives travel in one
 * package; the ship date is not before the job. The database holds the tracking number rules as constraints too (see
 * the shipment and used_tracking_number tables), so registrations that race cannot both pass.
 */
public final class ShipmentRules {

  private static final Pattern TRACKING = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{3,98}[A-Za-z0-9]");

  private ShipmentRules() {
  }

  /**
   * @param importJobName    the job the operator named, blank when they left it to the seed
   * @param job              the seed's import job, empty when shipping-service has not seen it yet
   * @param cancelled        the operator's cancel of the seed, if shipping-service recorded one
   * @param trackingOwner    the seed that already holds the tracking number, if any
   * @param notBefore        the earliest plausible ship date once the job is known (its creation, or the day the
   *                         details were given when they came first)
   */
  public static List<Problem> check(String seedId, String importJobName, PackageDetails details,
                                    Optional<ShippingJob> job, Optional<Cancellation> cancelled,
                                    Optional<String> trackingOwner, LocalDate today, LocalDate notBefore) {
    List<Problem> problems = new ArrayList<>();
    cancelled.ifPresent(cancel -> problems.add(problem("seedId", "seed " + seedId + " was " + cancel.describe()
        + ": its import job is cancelled and no package is registered for it")));
    String tracking = details.trackingNumber();
    if (!TRACKING.matcher(tracking).matches()) {
      problems.add(problem("trackingNumber", "trackingNumber '" + tracking + "' must be 5 to 100 letters, digits,"
          + " blanks or '-', as the carrier printed it"));
    }
    trackingOwner.filter(owner -> !owner.equals(seedId)).ifPresent(owner -> problems.add(problem("trackingNumber",
        "tracking number " + tracking + " is already the package of seed " + owner + ": drives of different"
            + " import jobs never share a package, and a tracking number is never reused")));
    if (details.confirmedBy().isBlank()) {
      problems.add(problem("confirmedBy", "confirmedBy must name who reviewed and committed the shipment"));
    }
    LocalDate shipDate = details.shipDate();
    if (shipDate == null || shipDate.isAfter(today)) {
      problems.add(problem("shipDate", "shipDate " + shipDate + " is in the future: register the shipment once the"
          + " drives are handed to the carrier (today is " + today + ")"));
    }
    if (job.isEmpty()) {
      return problems; // the rest waits for the job: details may come first
    }
    ShippingJob j = job.get();
    if (importJobName != null && !importJobName.isBlank() && !j.importJobName().equalsIgnoreCase(importJobName)) {
      problems.add(problem("importJobName", "importJobName " + importJobName + " is not seed " + seedId
          + "'s import job " + j.importJobName()));
    }
    if (j.carrierList().stream().noneMatch(c -> c.equalsIgnoreCase(details.carrierName()))) {
      problems.add(problem("carrierName", "carrierName '" + details.carrierName() + "' is not a carrier the "
          + j.location() + " datacenter accepts (" + String.join(", ", j.carrierList()) + ")"));
    }
    int drives = j.driveIdList().size();
    if (details.driveCount() != drives) {
      problems.add(problem("driveCount", "driveCount is " + details.driveCount() + " but import job "
          + j.importJobName() + " has " + drives + " drive(s): all drives of a job travel in one package"));
    }
    if (shipDate != null && !shipDate.isAfter(today) && shipDate.isBefore(notBefore)) {
      problems.add(problem("shipDate", "shipDate " + shipDate + " is before import job " + j.importJobName()
          + " was created (" + notBefore + ")"));
    }
    return problems;
  }

  /** The day the job was created: a package cannot have left before. */
  public static LocalDate created(ShippingJob job) {
    return job.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
  }

  /**
   * @param registered the tracking number of the package that stays registered when a change is refused, else null
   */
  public static ShipmentRefused refused(EventMetadata metadata, String importJobName, PackageDetails details,
                                        List<Problem> problems, String registered) {
    return ShipmentRefused.newBuilder().setMetadata(metadata).setImportJobName(importJobName == null
        || importJobName.isBlank() ? null : importJobName).setTrackingNumber(details.trackingNumber())
        .setProblems(problems).setRegisteredTrackingNumber(registered).build();
  }

  public static Problem problem(String field, String message) {
    return Problem.newBuilder().setField(field).setMessage(message).build();
  }
}
