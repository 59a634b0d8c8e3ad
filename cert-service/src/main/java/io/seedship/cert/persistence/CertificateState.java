package io.seedship.cert.persistence;

/** Where one of our certificates stands. */
public enum CertificateState {
  /** Made and its key sealed; not yet known to be on the application. */
  ISSUED,
  /** On the application, and Entra gave a token for it. */
  PROVEN,
  /** Replaced by a renewal; stays on the application until it expires. */
  RENEWED
}
