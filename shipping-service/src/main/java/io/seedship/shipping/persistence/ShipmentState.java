package io.seedship.shipping.persistence;

/** Where a shipment stands. */
public enum ShipmentState {
  /** Recorded; the import job is being updated in Azure. */
  REGISTERING,
  /** The import job carries the delivery package and is Shipping. */
  REGISTERED
}
