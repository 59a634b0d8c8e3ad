package io.seedship.localazure.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

  /** A real clock the test moves by hand. */
  static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void aDayPerSecondTurnsSecondsIntoDays() {
    HandClock real = new HandClock();
    VirtualClock clock = new VirtualClock(real, Instant.parse("2030-06-01T00:00:00Z"), 86_400);
    real.now = real.now.plusSeconds(14);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-06-15T00:00:00Z"));
  }

  @Test
  void rateChangesKeepTimeContinuousAndAdvanceJumps() {
    HandClock real = new HandClock();
    VirtualClock clock = new VirtualClock(real, null, 2);
    real.now = real.now.plusSeconds(10);
    Instant before = clock.instant();
    assertThat(before).isEqualTo(Instant.parse("2026-01-01T00:00:20Z"));
    clock.setRate(0);
    real.now = real.now.plusSeconds(100);
    assertThat(clock.instant()).isEqualTo(before);
    assertThat(clock.advance(Duration.ofDays(14))).isEqualTo(before.plus(Duration.ofDays(14)));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).hasMessageContaining("forward");
    assertThatThrownBy(() -> clock.setRate(-1)).hasMessageContaining("rate");
  }
}
