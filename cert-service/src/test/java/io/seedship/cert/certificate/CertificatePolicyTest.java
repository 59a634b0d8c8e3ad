package io.seedship.cert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertificatePolicyTest {

  private static final Instant NOT_AFTER = Instant.parse("2028-03-13T09:26:53Z");

  @Test
  void defaultsAreTwoYearsThirtyDaysAnd2048Bits() {
    CertificatePolicy policy = CertificatePolicy.defaults();
    assertThat(policy.validity()).isEqualTo(Duration.ofDays(730));
    assertThat(policy.renewBefore()).isEqualTo(Duration.ofDays(30));
    assertThat(policy.rsaBits()).isEqualTo(2048);
  }

  @Test
  void renewsFromThirtyDaysBeforeExpiry() {
    CertificatePolicy policy = CertificatePolicy.defaults();
    assertThat(policy.needsRenewal(NOT_AFTER, NOT_AFTER.minus(Duration.ofDays(31)))).isFalse();
    assertThat(policy.needsRenewal(NOT_AFTER, NOT_AFTER.minus(Duration.ofDays(30)).minusSeconds(1))).isFalse();
    assertThat(policy.needsRenewal(NOT_AFTER, NOT_AFTER.minus(Duration.ofDays(30)))).isTrue();
    assertThat(policy.needsRenewal(NOT_AFTER, NOT_AFTER)).isTrue();
    assertThat(policy.needsRenewal(NOT_AFTER, NOT_AFTER.plusSeconds(1))).as("expired").isTrue();
  }

  @Test
  void readsNotAfterFromTheCertificate() {
    IssuedCertificate issued = TestCertificates.issued();
    Instant notAfter = issued.certificate().getNotAfter().toInstant();
    CertificatePolicy policy = CertificatePolicy.defaults();
    assertThat(policy.needsRenewal(issued.certificate(), TestCertificates.NOW)).isFalse();
    assertThat(policy.needsRenewal(issued.certificate(), notAfter.minus(Duration.ofDays(29)))).isTrue();
  }

  @Test
  void issuesWithItsValidity() {
    CertificatePolicy policy = new CertificatePolicy(Duration.ofDays(90), Duration.ofDays(10), 2048);
    IssuedCertificate issued = policy.issue("srv-1", TestCertificates.CLOCK);
    assertThat(issued.certificate().getNotAfter().toInstant()).isEqualTo(TestCertificates.NOW.plus(Duration.ofDays(90)));
  }

  @Test
  void refusesInconsistentSettingsNamingThem() {
    assertThatThrownBy(() -> new CertificatePolicy(Duration.ZERO, Duration.ZERO, 2048))
        .hasMessageStartingWith("validity must be a positive duration");
    assertThatThrownBy(() -> new CertificatePolicy(Duration.ofDays(30), Duration.ofDays(30), 2048))
        .hasMessageStartingWith("renewBefore must be zero or more and shorter than validity");
    assertThatThrownBy(() -> new CertificatePolicy(Duration.ofDays(30), Duration.ofDays(-1), 2048))
        .hasMessageStartingWith("renewBefore must be");
    assertThatThrownBy(() -> new CertificatePolicy(Duration.ofDays(30), Duration.ofDays(1), 1024))
        .hasMessageStartingWith("rsaBits must be between 2048 and 16384");
  }
}
