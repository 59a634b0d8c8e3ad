package io.seedship.cert.keys;

import io.seedship.cert.certificate.Thumbprints;
import io.seedship.runtime.secrets.KeyEncryptionKey;
import io.seedship.runtime.secrets.SealedSecretException;
import io.seedship.runtime.secrets.SecretSealer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * Seals private keys for storage, bound to their certificate's thumbprint: the PKCS#8 encoding sealed by the runtime's
 * {@link SecretSealer} (AES-256-GCM under a {@link KeyEncryptionKey}; the format and rotation are described there).
 *
 * <p>Plaintext PKCS#8 arrays are zeroed after use. The JDK's key objects keep their own copies, which this class cannot
 * clear.
 */
public final class KeyWrapper {

  private final SecretSealer sealer;

  /**
   * @param active seals new keys
   * @param older still open keys sealed before a rotation
   */
  public KeyWrapper(KeyEncryptionKey active, List<KeyEncryptionKey> older) {
    this.sealer = new SecretSealer("private key", "certificate", active, older);
  }

  public KeyWrapper(KeyEncryptionKey active) {
    this(active, List.of());
  }

  public String activeKeyId() {
    return sealer.activeKeyId();
  }

  /** The key sealed under the active KEK for the certificate {@code thumbprint}. */
  public byte[] seal(PrivateKey privateKey, String thumbprint) {
    Thumbprints.require("thumbprint", thumbprint);
    if (privateKey == null || !"PKCS#8".equals(privateKey.getFormat())) {
      throw new IllegalArgumentException("privateKey must be a private key with a PKCS#8 encoding");
    }
    byte[] pkcs8 = privateKey.getEncoded();
    try {
      return sealer.seal(pkcs8, thumbprint);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /**
   * The private key sealed for the certificate {@code thumbprint}.
   *
   * @throws SealedKeyException if it was altered, sealed for another certificate, sealed with a KEK that is not
   *     configured, or is not a sealed key
   */
  public PrivateKey open(byte[] sealed, String thumbprint) {
    Thumbprints.require("thumbprint", thumbprint);
    byte[] pkcs8 = opened(() -> sealer.open(sealed, thumbprint));
    try {
      return toPrivateKey(pkcs8, thumbprint);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** Whether {@code sealed} was sealed with a KEK other than the active one, so it should be {@link #rewrap}ped. */
  public boolean needsRewrap(byte[] sealed) {
    return opened(() -> sealer.needsRewrap(sealed));
  }

  /** {@code sealed} opened and sealed again under the active KEK. */
  public byte[] rewrap(byte[] sealed, String thumbprint) {
    return seal(open(sealed, thumbprint), thumbprint);
  }

  /** The id of the KEK that sealed {@code sealed}, read from its header. */
  public static String keyIdOf(byte[] sealed) {
    return opened(() -> SecretSealer.keyIdOf(sealed));
  }

  private interface Sealed<T> {
    T get();
  }

  private static <T> T opened(Sealed<T> call) {
    try {
      return call.get();
    } catch (SealedSecretException e) {
      throw new SealedKeyException(e.getMessage());
    }
  }

  private static PrivateKey toPrivateKey(byte[] pkcs8, String thumbprint) {
    try {
      // the PKCS#8 structure names its algorithm; the JDK's key factories answer to the algorithm's OID
      String oid = PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm().getId();
      return KeyFactory.getInstance(oid).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // no cause attached: parser messages can quote the decrypted bytes
      throw new SealedKeyException("the sealed private key of certificate " + thumbprint
          + " opened but is not a PKCS#8 key this JVM can read");
    }
  }
}
