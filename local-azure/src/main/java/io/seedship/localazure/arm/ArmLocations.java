package io.seedship.localazure.arm;

import java.util.Locale;

/** ARM stores a location by its short name: "West US" and "westus" are the same region. */
public final class ArmLocations {

  private ArmLocations() {
  }

  public static String normalize(String location) {
    return location.replace(" ", "").toLowerCase(Locale.ROOT);
  }
}
