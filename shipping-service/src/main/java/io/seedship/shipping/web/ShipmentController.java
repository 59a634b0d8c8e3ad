package io.seedship.shipping.web;

import io.seedship.runtime.security.Caller;
import io.seedship.runtime.security.ForOperators;
import io.seedship.runtime.security.ForReaders;
import io.seedship.contracts.command.RegisterShipment;
import io.seedship.contracts.common.Problem;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.web.FieldProblem;
import io.seedship.runtime.web.ProblemResponses;
import io.seedship.shipping.persistence.Shipment;
import io.seedship.shipping.persistence.ShipmentRepository;
import io.seedship.shipping.persistence.ShipmentRequestRepository;
import io.seedship.shipping.persistence.ShippingJob;
import io.seedship.shipping.persistence.ShippingJobRepository;
import io.seedship.shipping.persistence.TrackingNumbers;
import io.seedship.shipping.persistence.PackageDetails;
import io.seedship.shipping.rules.ShipmentRules;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shipping details over HTTP, reviewed before they are committed, as the documentation's tool does: with
 * {@code dryRun=true} the answer is exactly what will be sent to Azure and nothing changes; without it the details go on
 * the commands topic as RegisterShipment (through the outbox) and the same rules decide there. Details may come before
 * the seed's import job exists (they wait for it) and may change a registered package while Azure allows it.
 */
@RestController
@RequestMapping("/api/seeds/{seedId}/shipment")
public class ShipmentController {

  public static final String REFUSED = "Shipment refused";

  public record Details(String carrierName, String trackingNumber, Integer driveCount, String shipDate,
                        String confirmedBy) {
  }

  /**
   * What Azure is sent: the job and its delivery package; the job becomes (or stays) Shipping. Without a job yet,
   * where the job is null and {@code when} says the package is sent once the job exists.
   */
  public record Review(String seedId, String subscriptionId, String resourceGroup, String importJobName,
                       Package deliveryPackage, String jobStateAfter, String when, Package replaces) {
  }

  public record Package(String carrierName, String trackingNumber, int driveCount, String shipDate) {
  }

  /** A seed's shipping as shipping-service knows it: the import job, the registered package, details still waiting. */
  public record View(String seedId, JobView job, ShipmentView shipment, PendingView pending) {
  }

  public record JobView(String importJobName, String subscriptionId, String resourceGroup, String location,
                        List<String> driveIds, List<String> carriers, Instant createdAt) {
  }

  public record ShipmentView(String state, String carrierName, String trackingNumber, int driveCount, String shipDate,
                             String confirmedBy, Instant registeredAt, Instant arrivalDeadline) {
  }

  /** Details not on Azure yet: given before the job existed, or a change waiting for Azure. */
  public record PendingView(String carrierName, String trackingNumber, int driveCount, String shipDate,
                            String confirmedBy, Instant receivedAt) {
  }

  private final ShippingJobRepository jobs;
  private final ShipmentRepository shipments;
  private final ShipmentRequestRepository requests;
  private final TrackingNumbers trackingNumbers;
  private final SeedCancellations cancellations;
  private final CommandGateway commands;
  private final EventMetadataFactory metadata;
  private final Clock clock;

  public ShipmentController(ShippingJobRepository jobs, ShipmentRepository shipments,
                            ShipmentRequestRepository requests, TrackingNumbers trackingNumbers,
                            SeedCancellations cancellations, CommandGateway commands, EventMetadataFactory metadata,
                            Clock clock) {
    this.jobs = jobs;
    this.shipments = shipments;
    this.requests = requests;
    this.trackingNumbers = trackingNumbers;
    this.cancellations = cancellations;
    this.commands = commands;
    this.metadata = metadata;
    this.clock = clock;
  }

  @GetMapping
  @ForReaders
  public ResponseEntity<View> show(@PathVariable String seedId) {
    JobView job = jobs.findById(seedId).map(j -> new JobView(j.importJobName(), j.subscriptionId(),
        j.resourceGroup(), j.location(), j.driveIdList(), j.carrierList(), j.createdAt())).orElse(null);
    ShipmentView shipment = shipments.findById(seedId).map(s -> new ShipmentView(s.state().name(), s.carrierName(),
        s.trackingNumber(), s.driveCount(), s.shipDate().toString(), s.confirmedBy(), s.registeredAt(),
        s.arrivalDeadline())).orElse(null);
    PendingView pending = requests.findById(seedId).map(r -> new PendingView(r.carrierName(), r.trackingNumber(),
        r.driveCount(), r.shipDate().toString(), r.confirmedBy(), r.receivedAt())).orElse(null);
    if (job == null && shipment == null && pending == null) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok(new View(seedId, job, shipment, pending));
  }

  @PostMapping
  @ForOperators
  public ResponseEntity<?> register(@PathVariable String seedId, @RequestBody Details body,
                                    @RequestParam(defaultValue = "false") boolean dryRun) {
    List<FieldProblem> missing = missing(body);
    if (!missing.isEmpty()) {
      return ProblemResponses.badRequest(REFUSED, missing.getFirst().message(), missing);
    }
    LocalDate shipDate;
    try {
      shipDate = LocalDate.parse(body.shipDate());
    } catch (DateTimeParseException e) {
      return ProblemResponses.badRequest(REFUSED, "shipDate must be a date as yyyy-MM-dd",
          List.of(new FieldProblem("shipDate", "shipDate '" + body.shipDate() + "' must be a date as yyyy-MM-dd")));
    }
    Optional<ShippingJob> job = jobs.findById(seedId);
    RegisterShipment command = RegisterShipment.newBuilder().setMetadata(metadata.originating(seedId))
        .setImportJobName(job.map(ShippingJob::importJobName).orElse(""))
        .setCarrierName(body.carrierName()).setTrackingNumber(body.trackingNumber())
        .setDriveCount(body.driveCount()).setShipDate(shipDate)
        .setConfirmedBy(Caller.required().attribute(body.confirmedBy())).build();
    PackageDetails details = PackageDetails.of(command);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Problem> problems = ShipmentRules.check(seedId, command.getImportJobName(), details, job,
        cancellations.find(seedId), trackingNumbers.owner(details.trackingKey()), today,
        job.map(ShipmentRules::created).orElse(today));
    if (!problems.isEmpty()) {
      return ProblemResponses.badRequest(REFUSED, problems.getFirst().getMessage(),
          problems.stream().map(p -> new FieldProblem(p.getField(), p.getMessage())).toList());
    }
    Optional<Shipment> registered = shipments.findById(seedId).filter(s -> !s.details().samePackage(details));
    if (dryRun) {
      Package sent = new Package(details.carrierName(), details.trackingNumber(), details.driveCount(),
          shipDate.toString());
      Package before = registered.map(s -> new Package(s.carrierName(), s.trackingNumber(), s.driveCount(),
          s.shipDate().toString())).orElse(null);
      return ResponseEntity.ok(job.map(j -> new Review(seedId, j.subscriptionId(), j.resourceGroup(),
              j.importJobName(), sent, "Shipping", before == null ? "now" : "now, if the datacenter has not received"
              + " the drives yet", before))
          .orElse(new Review(seedId, null, null, null, sent, "Shipping", "once the seed's import job exists", null)));
    }
    commands.send(command);
    return ResponseEntity.accepted().body(Map.of("seedId", seedId, "status", job.isEmpty() ? "awaiting-import-job"
        : registered.isPresent() ? "changing" : "registering"));
  }

  /** The details a package cannot do without; their rules are ShipmentRules', once they are there. */
  private static List<FieldProblem> missing(Details body) {
    List<FieldProblem> missing = new java.util.ArrayList<>();
    if (body.carrierName() == null || body.carrierName().isBlank()) {
      missing.add(new FieldProblem("carrierName", "carrierName must be given: the carrier the drives travel with"));
    }
    if (body.trackingNumber() == null || body.trackingNumber().isBlank()) {
      missing.add(new FieldProblem("trackingNumber", "trackingNumber must be given: the carrier's number of the "
          + "package"));
    }
    if (body.driveCount() == null) {
      missing.add(new FieldProblem("driveCount", "driveCount must be given: the drives in the package"));
    }
    if (body.shipDate() == null || body.shipDate().isBlank()) {
      missing.add(new FieldProblem("shipDate", "shipDate must be given, as yyyy-MM-dd"));
    }
    return missing;
  }
}
