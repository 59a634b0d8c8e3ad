package io.seedship.shipping.work;

import io.seedship.runtime.work.WorkDeferred;
import java.time.Duration;
import java.time.Instant;

/**
 * Waiting for a documented deadline on Azure's clock without holding a thread: the unit is deferred until it is due,
 * but never for longer than {@code recheck}, since Azure's clock (local-azure's virtual one) may jump ahead meanwhile.
 */
final class Deadlines {

  private Deadlines() {
  }

  /** Returns when {@code due} has passed on Azure's clock; otherwise defers the unit. */
  static void awaitDue(Instant due, Instant azureNow, Duration recheck, String what) {
    if (azureNow.isBefore(due)) {
      Duration left = Duration.between(azureNow, due);
      throw new WorkDeferred(left.compareTo(recheck) < 0 ? left : recheck, what + " is due at " + due);
    }
  }
}
