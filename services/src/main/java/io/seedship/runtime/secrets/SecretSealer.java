package io.seedship.runtime.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets for storage (certificate private keys, BitLocker recovery passwords) with AES-256-GCM under a
 * {@link KeyEncryptionKey}, each bound to its owner: the row it is stored in.
 *
 * <p>Sealed format (version 1): one byte version {@code 1}; one byte length of the KEK id, then the id (ASCII); a
 * 12-byte random IV; the secret encrypted with AES-256-GCM, followed by its 16-byte tag. The additional authenticated
 * data is the header (version, id length, id) followed by the owner (UTF-8), so a sealed secret opens only for the
 * owner it was sealed for, and its header cannot be edited.
 *
 * <p>Rotation: construct with the new KEK as active and the older ones still configured; {@link #open} picks the KEK
 * named in the header, {@link #needsRewrap} tells which rows to {@link #rewrap}, after which the old KEK can go.
 *
 * <p>Messages name the kind of secret and its owner ("private key", "certificate ABC..."), never its bytes. Callers
 * zero the plaintext arrays they get once they are done with them.
 */
public final class SecretSealer {

  static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String secret;
  private final String owner;
  private final KeyEncryptionKey active;
  private final Map<String, KeyEncryptionKey> byId = new LinkedHashMap<>();

  /**
   * @param secret what is sealed, for messages: "private key", "recovery password"
   * @param owner what a secret is bound to, for messages: "certificate", "drive"
   * @param active seals new secrets
   * @param older still open secrets sealed before a rotation
   */
  public SecretSealer(String secret, String owner, KeyEncryptionKey active, List<KeyEncryptionKey> older) {
    this.secret = secret;
    this.owner = owner;
    this.active = active;
    byId.put(active.id(), active);
    for (KeyEncryptionKey kek : older) {
      if (byId.putIfAbsent(kek.id(), kek) != null) {
        throw new IllegalArgumentException("key-encryption key ids must be unique; '" + kek.id() + "' is configured twice");
      }
    }
  }

  public String activeKeyId() {
    return active.id();
  }

  /** {@code plaintext} sealed under the active KEK for {@code ownerId}; the caller still owns (and zeroes) it. */
  public byte[] seal(byte[] plaintext, String ownerId) {
    byte[] header = header(active.id());
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, active.secretKey(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(header, ownerId));
      byte[] ciphertext = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(header.length + IV_BYTES + ciphertext.length)
          .put(header).put(iv).put(ciphertext).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JVM: " + e.getMessage(), e);
    }
  }

  /**
   * The plaintext sealed for {@code ownerId}; the caller zeroes it after use.
   *
   * @throws SealedSecretException if it was altered, sealed for another owner, sealed with a KEK that is not
   *     configured, or is not a sealed secret
   */
  public byte[] open(byte[] sealed, String ownerId) {
    Parsed parsed = parse(sealed);
    KeyEncryptionKey kek = byId.get(parsed.keyId);
    if (kek == null) {
      throw new SealedSecretException("the " + secret + " of " + owner + " " + ownerId
          + " was sealed with key-encryption key '" + parsed.keyId + "', which is not configured (configured: "
          + String.join(", ", byId.keySet()) + ")");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, kek.secretKey(),
          new GCMParameterSpec(TAG_BITS, sealed, parsed.headerLength, IV_BYTES));
      cipher.updateAAD(aad(Arrays.copyOf(sealed, parsed.headerLength), ownerId));
      int at = parsed.headerLength + IV_BYTES;
      return cipher.doFinal(sealed, at, sealed.length - at);
    } catch (AEADBadTagException e) {
      throw new SealedSecretException("the sealed " + secret + " does not open for " + owner + " " + ownerId
          + " with key-encryption key '" + kek.id() + "': it was altered, or it was sealed for another " + owner);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JVM: " + e.getMessage(), e);
    }
  }

  /** Whether {@code sealed} was sealed with a KEK other than the active one, so it should be {@link #rewrap}ped. */
  public boolean needsRewrap(byte[] sealed) {
    return !parse(sealed).keyId.equals(active.id());
  }

  /** {@code sealed} opened and sealed again under the active KEK. */
  public byte[] rewrap(byte[] sealed, String ownerId) {
    byte[] plaintext = open(sealed, ownerId);
    try {
      return seal(plaintext, ownerId);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /** The id of the KEK that sealed {@code sealed}, read from its header. */
  public static String keyIdOf(byte[] sealed) {
    return parse(sealed, "secret").keyId;
  }

  private static byte[] header(String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(2 + id.length).put(VERSION).put((byte) id.length).put(id).array();
  }

  private static byte[] aad(byte[] header, String ownerId) {
    byte[] bound = ownerId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(header.length + bound.length).put(header).put(bound).array();
  }

  private record Parsed(String keyId, int headerLength) {}

  private Parsed parse(byte[] sealed) {
    return parse(sealed, secret);
  }

  private static Parsed parse(byte[] sealed, String secret) {
    String notOne = "not a sealed " + secret + ": ";
    if (sealed == null || sealed.length < 2) {
      throw new SealedSecretException(notOne + (sealed == null ? "null" : sealed.length + " bytes"));
    }
    if (sealed[0] != VERSION) {
      throw new SealedSecretException(notOne + "format version " + (sealed[0] & 0xff) + ", this code reads version "
          + VERSION);
    }
    int idLength = sealed[1] & 0xff;
    int headerLength = 2 + idLength;
    if (idLength == 0 || sealed.length < headerLength + IV_BYTES + TAG_BITS / 8 + 1) {
      throw new SealedSecretException(notOne + "truncated (" + sealed.length + " bytes)");
    }
    return new Parsed(new String(sealed, 2, idLength, StandardCharsets.US_ASCII), headerLength);
  }
}
