package io.seedship.cert.persistence;

import io.seedship.cert.keys.KeyWrapper;
import io.seedship.cert.keys.PrivateKeyVault;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Optional;

/** Private keys sealed by {@link KeyWrapper} in this service's database; joins the caller's transaction. */
public class DatabaseKeyVault implements PrivateKeyVault {

  private final PrivateKeyRepository keys;
  private final KeyWrapper wrapper;
  private final Clock clock;

  public DatabaseKeyVault(PrivateKeyRepository keys, KeyWrapper wrapper, Clock clock) {
    this.keys = keys;
    this.wrapper = wrapper;
    this.clock = clock;
  }

  @Override
  public void put(String thumbprint, PrivateKey key) {
    if (keys.existsById(thumbprint)) {
      return; // a certificate's key never changes: the first sealed copy stands
    }
    keys.save(new PrivateKeyRow(thumbprint, wrapper.seal(key, thumbprint), clock.instant()));
  }

  @Override
  public Optional<PrivateKey> get(String thumbprint) {
    return keys.findById(thumbprint).map(row -> {
      PrivateKey key = wrapper.open(row.sealed(), thumbprint);
      if (wrapper.needsRewrap(row.sealed())) {
        // sealed under a previous key-encryption key: seal again under the active one, so old KEKs can be retired
        keys.update(new PrivateKeyRow(thumbprint, wrapper.seal(key, thumbprint), row.createdAt()));
      }
      return key;
    });
  }
}
