package io.seedship.shipping.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Shipping details that are not on Azure yet: given before the seed's import job was known, or a change of a
 * registered package waiting for Azure.
 */
@MappedEntity("shipment_request")
public record ShipmentRequest(@Id String seedId, String trackingKey, String trackingNumber, String carrierName,
                              int driveCount, LocalDate shipDate, String confirmedBy, Instant receivedAt) {

  public static ShipmentRequest of(String seedId, PackageDetails details, Instant now) {
    return new ShipmentRequest(seedId, details.trackingKey(), details.trackingNumber(), details.carrierName(),
        details.driveCount(), details.shipDate(), details.confirmedBy(), now);
  }

  public PackageDetails details() {
    return new PackageDetails(carrierName, trackingNumber, driveCount, shipDate, confirmedBy);
  }
}
