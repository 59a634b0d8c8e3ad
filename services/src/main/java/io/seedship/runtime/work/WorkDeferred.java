package io.seedship.runtime.work;

import java.time.Duration;

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

  public Duration delay() {
    return delay;
  }
}
