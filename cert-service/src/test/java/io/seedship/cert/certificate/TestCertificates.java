package io.seedship.cert.certificate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** One generated certificate shared by the tests: RSA key generation takes a noticeable moment. */
public final class TestCertificates {

  public static final String RESOURCE_ID = "7f3c2a9e-1b4d-4e8f-9a0b-c1d2e3f4a5b6";
  public static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private TestCertificates() {}

  public static IssuedCertificate issued() {
    return Holder.ISSUED;
  }

  private static final class Holder {
    static final IssuedCertificate ISSUED = OfflineCertificates.generate(RESOURCE_ID, Duration.ofDays(730), 2048, CLOCK);
  }
}
