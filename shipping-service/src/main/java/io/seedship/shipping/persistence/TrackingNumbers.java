package io.seedship.shipping.persistence;

import java.time.Instant;
import java.util.Optional;

/** Who holds each tracking number: reserved when a seed is given it, released only if Azure never saw it. */
public class TrackingNumbers {

  private final UsedTrackingNumberRepository used;

  public TrackingNumbers(UsedTrackingNumberRepository used) {
    this.used = used;
  }

  /** The seed holding the number, if any. */
  public Optional<String> owner(String trackingKey) {
    return used.findById(trackingKey).map(UsedTrackingNumber::seedId);
  }

  /**
   * Reserves the number for the seed in the caller's transaction. A seed racing for the same number fails on the
   * primary key and its handling is redelivered, then refused by the rules.
   */
  public void reserve(String trackingKey, String seedId, Instant now) {
    if (owner(trackingKey).isEmpty()) {
      used.save(new UsedTrackingNumber(trackingKey, seedId, now));
    }
  }

  /** Gives the number back when it was the seed's and never reached Azure (a request refused before it did). */
  public void release(String trackingKey, String seedId) {
    if (owner(trackingKey).filter(seedId::equals).isPresent()) {
      used.deleteById(trackingKey);
    }
  }
}
