package io.seedship.cert.keys;

import io.seedship.runtime.secrets.KeyEncryptionKey;
import java.security.PrivateKey;
import java.util.Optional;

/**
 * Where the private keys of offline seeding certificates are kept, by certificate thumbprint (40 upper-case hex
 * digits, see {@link io.seedship.cert.certificate.Thumbprints}).
 *
 * <p>The service keeps each key so it can later hand the certificate and key to the backup server again (a PKCS#12 file)
 * and sign in as the offline seeding application itself (a PEM for the Azure SDK). A thumbprint names exactly one
 * certificate and so one public key: {@link #put} with a thumbprint already stored is a no-op for the same key.
 *
 * <p>Implementations:
 * <ul>
 *   <li>The database-backed one (elsewhere in cert-service) stores {@link KeyWrapper#seal} output next to the
 *       certificate row, so the key is encrypted at rest under a {@link KeyEncryptionKey} from configuration and a
 *       sealed key copied onto another row does not open.
 *   <li>An Azure Key Vault one would import each certificate with its key as a Key Vault certificate (PKCS#12, key
 *       exportable, named for example {@code offline-<thumbprint>}) in {@link #put}, and in {@link #get} read the
 *       certificate's backing secret and take the key out of it, returning empty on 404. Key Vault then encrypts at rest
 *       and audits every read, so no {@link KeyWrapper} is needed. The key must be exportable: the backup server needs a
 *       copy in its own certificate store, so a non-exportable (HSM-only) key cannot serve here.
 * </ul>
 */
public interface PrivateKeyVault {

  /** Stores {@code key}, the private key of the certificate {@code thumbprint}. */
  void put(String thumbprint, PrivateKey key);

  /** The private key of the certificate {@code thumbprint}, or empty if none is stored. */
  Optional<PrivateKey> get(String thumbprint);
}
