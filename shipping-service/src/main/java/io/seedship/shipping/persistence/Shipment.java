package io.seedship.shipping.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** The package a seed's drives travel in. */
@MappedEntity("shipment")
public record Shipment(@Id String seedId, String trackingKey, String trackingNumber, String carrierName,
                       int driveCount, LocalDate shipDate, String confirmedBy, ShipmentState state,
                       Instant registeredAt, @Nullable Instant arrivalDeadline) {

  /** Tracking numbers compare without case and blanks: "1Z 999" and "1z999" name one package. */
  public static String trackingKey(String trackingNumber) {
    return trackingNumber.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }

  public Shipment registered(Instant deadline) {
    return new Shipment(seedId, trackingKey, trackingNumber, carrierName, driveCount, shipDate, confirmedBy,
        ShipmentState.REGISTERED, registeredAt, deadline);
  }
}
