package io.seedship.runtime.work;

import java.time.Duration;
import java.time.Instant;

/**
 * Thrown by work that is not due yet (a deadline two weeks away, a watch between two looks): the runtime runs it
 * again after {@code delay}, holding no thread and no transaction meanwhile, and the attempt does not count. The
 * work's outside effects must be guarded as for any repeat.
 */
public class WorkDeferred extends RuntimeException {

  private final Duration delay;

  public WorkDeferred(Duration delay, String reason) {
    super(reason);
    this.delay = delay.isNegative() ? Duration.ZERO : delay;
  }

  /**
   * Not due before {@code due} on a clock that may jump ahead meanwhile (Azure's: local-azure's virtual clock): the
   * unit is looked at again when it is due, but never later than {@code recheck} from now.
   */
  public static WorkDeferred until(Instant due, Instant now, Duration recheck, String reason) {
    Duration left = Duration.between(now, due);
    return new WorkDeferred(left.compareTo(recheck) < 0 ? left : recheck, reason);
  }

  public Duration delay() {
    return delay;
  }
}
