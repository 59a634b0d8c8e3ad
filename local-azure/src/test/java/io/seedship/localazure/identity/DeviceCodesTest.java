package io.seedship.localazure.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.localazure.LocalAzureProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The device codes' life in memory, on a clock the test moves. */
class DeviceCodesTest {

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");

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

  private final MovableClock clock = new MovableClock();
  private final DeviceCodes codes = new DeviceCodes(new LocalAzureProperties.DeviceCode(), clock);

  private static OAuthException refusal(Runnable call) {
    try {
      call.run();
    } catch (OAuthException e) {
      return e;
    }
    throw new AssertionError("no refusal");
  }

  @Test
  void userCodesAreEightUnambiguousLettersAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      DeviceCodes.Issued issued = codes.issue("client", "api://seedship/.default");
      assertThat(issued.userCode()).matches("[BCDFGHJKLMNPQRSTVWXZ]{8}");
      assertThat(seen.add(issued.userCode())).isTrue();
      assertThat(issued.toString()).doesNotContain(issued.deviceCode());
    }
  }

  @Test
  void aCodeExpiresAtItsLifetimeAndIsForgottenOneLifetimeLater() {
    DeviceCodes.Issued issued = codes.issue("client", "api://seedship/.default");
    clock.now = clock.now.plus(Duration.ofMinutes(15)).minusMillis(1);
    assertThat(refusal(() -> codes.redeem(issued.deviceCode(), "client")).error()).isEqualTo("authorization_pending");
    clock.now = clock.now.plusMillis(1);
    assertThat(refusal(() -> codes.redeem(issued.deviceCode(), "client")).error()).isEqualTo("expired_token");
    assertThat(refusal(() -> codes.answer(issued.userCode(), true)).aadsts()).isEqualTo(70019);

    clock.now = clock.now.plus(Duration.ofMinutes(15)).plusSeconds(1);
    codes.issue("client", "api://seedship/.default");
    assertThat(refusal(() -> codes.redeem(issued.deviceCode(), "client")).error())
        .isEqualTo("bad_verification_code");
  }

  @Test
  void anApprovedCodeGivesItsScopeOnceAndRefusalsNeverNameTheDeviceCode() {
    DeviceCodes.Issued issued = codes.issue("Client-A", "api://seedship/.default offline_access");
    assertThat(codes.pending(" " + issued.userCode().toLowerCase() + " ").clientId()).isEqualTo("Client-A");
    codes.answer(issued.userCode(), true);
    assertThat(codes.redeem(issued.deviceCode(), "client-a")).isEqualTo("api://seedship/.default offline_access");
    OAuthException again = refusal(() -> codes.redeem(issued.deviceCode(), "client-a"));
    assertThat(again.error()).isEqualTo("bad_verification_code");
    assertThat(again.getMessage()).doesNotContain(issued.deviceCode());
  }

  @Test
  void settingsThatAreNoWholeSecondsFailStartup() {
    LocalAzureProperties.DeviceCode settings = new LocalAzureProperties.DeviceCode();
    settings.setInterval(Duration.ofMillis(1500));
    assertThatThrownBy(() -> new DeviceCodes(settings, clock)).hasMessageContaining("local-azure.device-code");
  }
}
