package io.seedship.shipping.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;

/** The package a seed's drives travel in, as it is (or is being) registered on the import job. */
@MappedEntity("shipment")
public record Shipment(@Id String seedId, String trackingKey, String trackingNumber, String carrierName,
                       int driveCount, LocalDate shipDate, String confirmedBy, ShipmentState state,
                       Instant registeredAt, @Nullable Instant arrivalDeadline, @Nullable Instant warnedFor,
                       @Nullable Instant expiredFor) {

  public static Shipment registering(String seedId, PackageDetails details, Instant now) {
    return new Shipment(seedId, details.trackingKey(), details.trackingNumber(), details.carrierName(),
        details.driveCount(), details.shipDate(), details.confirmedBy(), ShipmentState.REGISTERING, now, null, null,
        null);
  }

  public PackageDetails details() {
    return new PackageDetails(carrierName, trackingNumber, driveCount, shipDate, confirmedBy);
  }

  public Shipment registered(Instant deadline) {
    return new Shipment(seedId, trackingKey, trackingNumber, carrierName, driveCount, shipDate, confirmedBy,
        ShipmentState.REGISTERED, registeredAt, deadline, warnedFor, expiredFor);
  }

  /** The package after a change Azure took: new details, registered now, a new arrival deadline. */
  public Shipment changedTo(PackageDetails details, Instant now, Instant deadline) {
    return new Shipment(seedId, details.trackingKey(), details.trackingNumber(), details.carrierName(),
        details.driveCount(), details.shipDate(), details.confirmedBy(), ShipmentState.REGISTERED, now, deadline,
        warnedFor, expiredFor);
  }
}
