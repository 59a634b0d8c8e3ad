package io.seedship.staging.intake;

import java.math.BigDecimal;

/**
 * How much room the staging location needs beyond the estimate: a fraction of it (an estimate from samples can be
 * low) plus a fixed reserve, so staging never fills the file system to its last byte.
 *
 * @param marginFraction share of the estimate added on top, e.g. 0.10 for 10%
 * @param minimumReserveBytes bytes that must stay free in any case
 */
public record FreeSpacePolicy(double marginFraction, long minimumReserveBytes) {

  /** 10% margin and a 1 GiB reserve. */
  public static final FreeSpacePolicy DEFAULT = new FreeSpacePolicy(0.10, 1L << 30);

  public FreeSpacePolicy {
    if (!(marginFraction >= 0) || Double.isInfinite(marginFraction)) {
      throw new IllegalArgumentException("the free-space margin is a fraction of at least 0, not " + marginFraction);
    }
    if (minimumReserveBytes < 0) {
      throw new IllegalArgumentException("the free-space reserve is at least 0 bytes, not " + minimumReserveBytes);
    }
  }

  /** Bytes the staging location must have free for a seed of this estimated staged size (saturating). */
  public long needed(long estimatedStagedBytes) {
    long margin = (long) Math.ceil(estimatedStagedBytes * marginFraction); // a cast saturates at Long.MAX_VALUE
    try {
      return Math.addExact(Math.addExact(estimatedStagedBytes, margin), minimumReserveBytes);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** How {@link #needed} is made up, in human units: "10.0 GiB estimated + 10% margin + 1.0 GiB reserve". */
  String explain(long estimatedStagedBytes) {
    String percent = BigDecimal.valueOf(marginFraction).movePointRight(2).stripTrailingZeros().toPlainString();
    return ByteSizes.human(estimatedStagedBytes) + " estimated compressed size + " + percent + "% margin + "
        + ByteSizes.human(minimumReserveBytes) + " reserve";
  }
}
