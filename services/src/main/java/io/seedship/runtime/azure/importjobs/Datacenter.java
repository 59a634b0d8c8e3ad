package io.seedship.runtime.azure.importjobs;

import io.seedship.contracts.common.PostalAddress;
import java.util.List;

/** An Azure datacenter that takes drives: its shipping address, the carriers it accepts, and where else to ship. */
public record Datacenter(String location, PostalAddress address, List<String> supportedCarriers,
                         List<String> alternateLocations) {

  public Datacenter {
    supportedCarriers = List.copyOf(supportedCarriers);
    alternateLocations = List.copyOf(alternateLocations);
  }
}
