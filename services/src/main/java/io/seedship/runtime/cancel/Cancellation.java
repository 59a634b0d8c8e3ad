package io.seedship.runtime.cancel;

import java.time.Instant;

/** An operator's cancel of a seed, as a service recorded it. */
public record Cancellation(String seedId, String eventId, String reason, String requestedBy, Instant requestedAt) {

  /** How the cancel reads in a SeedFailed: who cancelled and why. */
  public String describe() {
    return "cancelled by " + requestedBy + ": " + reason;
  }
}
