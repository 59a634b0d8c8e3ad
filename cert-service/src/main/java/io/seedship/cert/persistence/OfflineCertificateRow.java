package io.seedship.cert.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One of our certificates: public part only (DER). Its private key is sealed in {@code private_key}. */
@MappedEntity("offline_certificate")
public record OfflineCertificateRow(@Id String thumbprint, String applicationKey, String resourceId, String subject,
                                    byte[] certificate, Instant notBefore, Instant notAfter, CertificateState state,
                                    Instant createdAt, @Nullable Instant provenAt) {

  public OfflineCertificateRow proven(Instant at) {
    return new OfflineCertificateRow(thumbprint, applicationKey, resourceId, subject, certificate, notBefore, notAfter,
        CertificateState.PROVEN, createdAt, provenAt == null ? at : provenAt);
  }

  public OfflineCertificateRow renewed() {
    return new OfflineCertificateRow(thumbprint, applicationKey, resourceId, subject, certificate, notBefore, notAfter,
        CertificateState.RENEWED, createdAt, provenAt);
  }

  @Override
  public String toString() {
    return "OfflineCertificate[" + thumbprint + ", " + subject + ", notAfter=" + notAfter + ", " + state + "]";
  }
}
