package io.seedship.cert.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A private key sealed under the key-encryption key; only {@link DatabaseKeyVault} reads it. */
@MappedEntity("private_key")
public record PrivateKeyRow(@Id String thumbprint, byte[] sealed, Instant createdAt) {

  @Override
  public String toString() {
    return "PrivateKeyRow[" + thumbprint + ", sealed]";
  }
}
