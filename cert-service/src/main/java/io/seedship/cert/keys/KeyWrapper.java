package io.seedship.cert.keys;

import io.seedship.cert.certificate.Thumbprints;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * Seals private keys for storage with AES-256-GCM under a {@link KeyEncryptionKey}, bound to their certificate.
 *
 * <p>Sealed format (version 1): one byte version {@code 1}; one byte length of the KEK id, then the id (ASCII); a
 * 12-byte random IV; the PKCS#8 encoding of the key encrypted with AES-256-GCM, followed by its 16-byte tag. The
 * additional authenticated data is the header (version, id length, id) followed by the certificate thumbprint (ASCII),
 * so a sealed key opens only for the certificate row it was sealed for, and its header cannot be edited.
 *
 * <p>Rotation: construct with the new KEK as active and the older ones still configured; {@link #open} picks the KEK
 * named in the header, {@link #needsRewrap} tells which rows to {@link #rewrap}, after which the old KEK can go.
 *
 * <p>Plaintext PKCS#8 arrays are zeroed after use. The JDK's key objects keep their own copies, which this class cannot
 * clear.
 */
public final class KeyWrapper {

  static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyEncryptionKey active;
  private final Map<String, KeyEncryptionKey> byId = new LinkedHashMap<>();

  /**
   * @param active seals new keys
   * @param older still open keys sealed before a rotation
   */
  public KeyWrapper(KeyEncryptionKey active, List<KeyEncryptionKey> older) {
    this.active = active;
    byId.put(active.id(), active);
    for (KeyEncryptionKey kek : older) {
      if (byId.putIfAbsent(kek.id(), kek) != null) {
        throw new IllegalArgumentException("key-encryption key ids must be unique; '" + kek.id() + "' is configured twice");
      }
    }
  }

  public KeyWrapper(KeyEncryptionKey active) {
    this(active, List.of());
  }

  public String activeKeyId() {
    return active.id();
  }

  /** The key sealed under the active KEK for the certificate {@code thumbprint}. */
  public byte[] seal(PrivateKey privateKey, String thumbprint) {
    Thumbprints.require("thumbprint", thumbprint);
    if (privateKey == null || !"PKCS#8".equals(privateKey.getFormat())) {
      throw new IllegalArgumentException("privateKey must be a private key with a PKCS#8 encoding");
    }
    byte[] header = header(active.id());
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] pkcs8 = privateKey.getEncoded();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, active.secretKey(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(header, thumbprint));
      byte[] ciphertext = cipher.doFinal(pkcs8);
      return ByteBuffer.allocate(header.length + IV_BYTES + ciphertext.length)
          .put(header).put(iv).put(ciphertext).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JVM: " + e.getMessage(), e);
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
    Parsed parsed = parse(sealed);
    KeyEncryptionKey kek = byId.get(parsed.keyId);
    if (kek == null) {
      throw new SealedKeyException("the private key of certificate " + thumbprint + " was sealed with key-encryption key '"
          + parsed.keyId + "', which is not configured (configured: " + String.join(", ", byId.keySet()) + ")");
    }
    byte[] pkcs8;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, kek.secretKey(),
          new GCMParameterSpec(TAG_BITS, sealed, parsed.headerLength, IV_BYTES));
      cipher.updateAAD(aad(Arrays.copyOf(sealed, parsed.headerLength), thumbprint));
      int at = parsed.headerLength + IV_BYTES;
      pkcs8 = cipher.doFinal(sealed, at, sealed.length - at);
    } catch (AEADBadTagException e) {
      throw new SealedKeyException("the sealed private key does not open for certificate " + thumbprint
          + " with key-encryption key '" + kek.id() + "': it was altered, or it was sealed for another certificate");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JVM: " + e.getMessage(), e);
    }
    try {
      return toPrivateKey(pkcs8, thumbprint);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** Whether {@code sealed} was sealed with a KEK other than the active one, so it should be {@link #rewrap}ped. */
  public boolean needsRewrap(byte[] sealed) {
    return !parse(sealed).keyId.equals(active.id());
  }

  /** {@code sealed} opened and sealed again under the active KEK. */
  public byte[] rewrap(byte[] sealed, String thumbprint) {
    return seal(open(sealed, thumbprint), thumbprint);
  }

  /** The id of the KEK that sealed {@code sealed}, read from its header. */
  public static String keyIdOf(byte[] sealed) {
    return parse(sealed).keyId;
  }

  private static byte[] header(String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(2 + id.length).put(VERSION).put((byte) id.length).put(id).array();
  }

  private static byte[] aad(byte[] header, String thumbprint) {
    byte[] print = thumbprint.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(header.length + print.length).put(header).put(print).array();
  }

  private record Parsed(String keyId, int headerLength) {}

  private static Parsed parse(byte[] sealed) {
    if (sealed == null || sealed.length < 2) {
      throw new SealedKeyException("not a sealed private key: " + (sealed == null ? "null" : sealed.length + " bytes"));
    }
    if (sealed[0] != VERSION) {
      throw new SealedKeyException("not a sealed private key: format version " + (sealed[0] & 0xff)
          + ", this code reads version " + VERSION);
    }
    int idLength = sealed[1] & 0xff;
    int headerLength = 2 + idLength;
    if (idLength == 0 || sealed.length < headerLength + IV_BYTES + TAG_BITS / 8 + 1) {
      throw new SealedKeyException("not a sealed private key: truncated (" + sealed.length + " bytes)");
    }
    return new Parsed(new String(sealed, 2, idLength, StandardCharsets.US_ASCII), headerLength);
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
