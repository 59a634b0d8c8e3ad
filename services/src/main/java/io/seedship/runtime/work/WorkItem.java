package io.seedship.runtime.work;

import java.time.Instant;

/** One unit of stage work as stored: what, for which seed, and where it stands. */
public record WorkItem(String workId, String kind, String seedId, String causeEventId, byte[] input, String state,
                       int attempts, Instant notBefore, String leaseOwner, Instant leaseUntil, String progress,
                       String lastError) {

  public static final String PENDING = "PENDING";
  public static final String RUNNING = "RUNNING";
  public static final String DONE = "DONE";
  public static final String FAILED = "FAILED";
  /** Stopped because the seed was cancelled: it never runs again, and a run in progress cannot finish. */
  public static final String CANCELLED = "CANCELLED";
}
