package io.seedship.shipping.persistence;

import io.seedship.contracts.command.RegisterShipment;
import java.time.LocalDate;
import java.util.Locale;

/** The operator's shipping details for one package, trimmed as given. */
public record PackageDetails(String carrierName, String trackingNumber, int driveCount, LocalDate shipDate,
                             String confirmedBy) {

  public static PackageDetails of(RegisterShipment command) {
    return new PackageDetails(trim(command.getCarrierName()), trim(command.getTrackingNumber()),
        command.getDriveCount(), command.getShipDate(), trim(command.getConfirmedBy()));
  }

  /** Tracking numbers compare without case and blanks: "1Z 999" and "1z999" name one package. */
  public static String trackingKey(String trackingNumber) {
    return trackingNumber.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }

  public String trackingKey() {
    return trackingKey(trackingNumber);
  }

  /** The same package: a repeated registration (a replay) rather than a change. */
  public boolean samePackage(PackageDetails other) {
    return trackingKey().equals(other.trackingKey()) && carrierName.equalsIgnoreCase(other.carrierName)
        && driveCount == other.driveCount && java.util.Objects.equals(shipDate, other.shipDate);
  }

  @Override
  public String toString() {
    return carrierName + " " + trackingNumber + " (" + driveCount + " drive(s), shipped " + shipDate + ")";
  }

  private static String trim(CharSequence value) {
    return value == null ? "" : value.toString().trim();
  }
}
