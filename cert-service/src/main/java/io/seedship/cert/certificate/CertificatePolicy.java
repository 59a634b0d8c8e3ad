package io.seedship.cert.certificate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long offline seeding certificates live and when they are replaced.
 *
 * @param validity how long a new certificate is valid (default {@code P730D}, two years)
 * @param renewBefore how long before expiry a certificate is replaced (default {@code P30D}): an offline seeding
 *     workflow runs for weeks (drives are shipped), so the certificate must outlive it
 * @param rsaBits RSA key size (default 2048; at least 2048)
 */
public record CertificatePolicy(Duration validity, Duration renewBefore, int rsaBits) {

  public static final Duration DEFAULT_VALIDITY = Duration.parse("P730D");
  public static final Duration DEFAULT_RENEW_BEFORE = Duration.parse("P30D");
  public static final int DEFAULT_RSA_BITS = 2048;

  public CertificatePolicy {
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be a positive duration, like P730D");
    }
    if (renewBefore == null || renewBefore.isNegative() || renewBefore.compareTo(validity) >= 0) {
      throw new IllegalArgumentException("renewBefore must be zero or more and shorter than validity, like P30D");
    }
    if (rsaBits < OfflineCertificates.MIN_RSA_BITS || rsaBits > OfflineCertificates.MAX_RSA_BITS) {
      throw new IllegalArgumentException("rsaBits must be between " + OfflineCertificates.MIN_RSA_BITS + " and "
          + OfflineCertificates.MAX_RSA_BITS + "; got " + rsaBits);
    }
  }

  public static CertificatePolicy defaults() {
    return new CertificatePolicy(DEFAULT_VALIDITY, DEFAULT_RENEW_BEFORE, DEFAULT_RSA_BITS);
  }

  /** A new certificate under this policy for the backup server {@code resourceId}. */
  public IssuedCertificate issue(String resourceId, Clock clock) {
    return OfflineCertificates.generate(resourceId, validity, rsaBits, clock);
  }

  /** Whether {@code now} is within {@link #renewBefore} of the certificate's expiry, or past it. */
  public boolean needsRenewal(X509Certificate certificate, Instant now) {
    return needsRenewal(certificate.getNotAfter().toInstant(), now);
  }

  /** Whether {@code now} is within {@link #renewBefore} of {@code notAfter}, or past it. */
  public boolean needsRenewal(Instant notAfter, Instant now) {
    return !now.isBefore(notAfter.minus(renewBefore));
  }
}
