package io.seedship.localazure.clock;

import io.seedship.localazure.LocalAzureProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * Azure's time as local-azure sees it: runs {@code rate} times faster than real time and can be pushed forward,
 * so processes of days or weeks (an import job's two-week limit) happen in a test's seconds. Tokens and throttling
 * windows use real time instead: they protect the client, not the story.
 */
@Component
public class VirtualClock extends Clock {

  private final Clock real;
  private Instant virtualAtAnchor;
  private Instant realAtAnchor;
  private double rate;

  @org.springframework.beans.factory.annotation.Autowired
  public VirtualClock(LocalAzureProperties properties) {
    this(Clock.systemUTC(), properties.getClock().getStart(), properties.getClock().getRate());
  }

  VirtualClock(Clock real, Instant start, double rate) {
    this.real = real;
    this.realAtAnchor = real.instant();
    this.virtualAtAnchor = start != null ? start : realAtAnchor;
    this.rate = rate;
  }

  @Override
  public synchronized Instant instant() {
    long realNanos = Duration.between(realAtAnchor, real.instant()).toNanos();
    return virtualAtAnchor.plusNanos((long) (realNanos * rate));
  }

  /** Moves virtual time forward at once (a test's "two weeks later"). */
  public synchronized Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward, not by " + duration);
    }
    reanchor();
    virtualAtAnchor = virtualAtAnchor.plus(duration);
    return virtualAtAnchor;
  }

  public synchronized void setRate(double rate) {
    if (rate < 0) {
      throw new IllegalArgumentException("rate must be zero or more, not " + rate);
    }
    reanchor();
    this.rate = rate;
  }

  public synchronized double rate() {
    return rate;
  }

  private void reanchor() {
    Instant now = instant();
    realAtAnchor = real.instant();
    virtualAtAnchor = now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the virtual clock is UTC only");
  }
}
