package io.seedship.cert.certificate;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate and its private key, as {@link OfflineCertificates#generate} made them.
 *
 * <p>{@link #toString()} shows the certificate's subject, thumbprint and expiry, never the key.
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {

  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  public String thumbprint() {
    return Thumbprints.of(certificate);
  }

  @Override
  public String toString() {
    return "IssuedCertificate[subject=" + certificate.getSubjectX500Principal().getName()
        + ", thumbprint=" + thumbprint()
        + ", notAfter=" + certificate.getNotAfter().toInstant()
        + ", privateKey=(" + privateKey.getAlgorithm() + ", redacted)]";
  }
}
