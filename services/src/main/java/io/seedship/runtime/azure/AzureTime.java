package io.seedship.runtime.azure;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.runtime.azure.core.ArmRest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure's time, by which its deadlines run (two weeks to ship, two weeks to arrive, 90 days to deletion). On a real
 * cloud that is the system clock. On local-azure it is local-azure's virtual clock, which runs faster and can be pushed
 * forward, so a deadline weeks away passes in a test's seconds: sampled from {@code GET /local-azure/clock} at most once
 * per {@code resample} and extrapolated at its rate in between. Leases, retries and the outbox keep the real clock.
 */
public final class AzureTime extends Clock {

  private static final Logger log = LoggerFactory.getLogger(AzureTime.class);

  private final ArmRest local;
  private final Clock real;
  private final Duration resample;
  private Sample sample;
  private boolean warned;

  private record Sample(Instant virtual, Instant real, double rate) {
  }

  private AzureTime(ArmRest local, Clock real, Duration resample) {
    this.local = local;
    this.real = real;
    this.resample = resample;
  }

  /** The system clock: what a real cloud runs on. */
  public static Clock system() {
    return Clock.systemUTC();
  }

  /** local-azure's virtual clock, read through {@code arm} (whose token must be one of local-azure's admin clients). */
  public static AzureTime localAzure(ArmRest arm, Duration resample) {
    return new AzureTime(arm, Clock.systemUTC(), resample);
  }

  @Override
  public synchronized Instant instant() {
    Instant now = real.instant();
    if (sample == null || Duration.between(sample.real(), now).compareTo(resample) >= 0) {
      sample = read(now);
    }
    long elapsed = Duration.between(sample.real(), now).toNanos();
    return sample.virtual().plusNanos((long) (elapsed * sample.rate()));
  }

  private Sample read(Instant now) {
    try {
      JsonNode clock = local.send("read local-azure's clock", HttpMethod.GET, "/local-azure/clock", Map.of(), null,
          Set.of(200), JsonNode.class);
      warned = false;
      return new Sample(Instant.parse(clock.path("now").asText()), now, clock.path("rate").asDouble(1.0));
    } catch (RuntimeException e) {
      // keep the last sample's extrapolation (or real time at first): a deadline is late, never early
      if (!warned) {
        log.warn("cannot read local-azure's clock ({}); Azure's deadlines run on the last time read until it answers",
            e.getMessage());
        warned = true;
      }
      return sample != null ? new Sample(sample.virtual().plusNanos((long) (Duration.between(sample.real(), now)
          .toNanos() * sample.rate())), now, sample.rate()) : new Sample(now, now, 1.0);
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("Azure's time is kept in UTC");
  }
}
