package io.seedship.shipping.persistence;

/** Where a shipment stands on Azure (details not on Azure yet are a {@link ShipmentRequest}). */
public enum ShipmentState {
  /** Recorded; the import job is being updated in Azure. */
  REGISTERING,
  /** The import job carries the delivery package and is Shipping. */
  REGISTERED
}
