package io.seedship.runtime.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key (KEK) that seals secrets at rest (private keys, recovery passwords): an id, written next to every sealed secret so rotation
 * knows which KEK opens it, and 256 bits of AES key.
 *
 * <p>It comes from configuration ({@link #fromBase64}), from a file only its owner can read ({@link #fromFile}), or is
 * made once for the embedded local mode ({@link #generateFile}). {@link #toString()} and every error message show the
 * id, never the key or the configured text.
 */
public final class KeyEncryptionKey {

  public static final int KEY_BYTES = 32;
  /** An id goes into every sealed key's header, so it is short and plain. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final String ID_RULE =
      "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final int MAX_FILE_BYTES = 1024;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String id;
  private final byte[] key;

  private KeyEncryptionKey(String id, byte[] key) {
    this.id = id;
    this.key = key.clone();
  }

  /**
   * A KEK from configuration: {@code base64} encodes exactly 32 bytes (whitespace is ignored).
   *
   * @throws IllegalArgumentException naming the KEK id and the rule, never echoing {@code base64}
   */
  public static KeyEncryptionKey fromBase64(String id, String base64) {
    return decode(requireId(id), base64, "key-encryption key '" + id + "'");
  }

  /**
   * A KEK from a file holding {@code [id:]BASE64} (32 bytes, base64; surrounding whitespace ignored), for example
   * {@code kek-2026:q0Xv...=}. Without an id, the id is derived from the key (see {@link #derivedId}), so it stays the
   * same for the same file.
   *
   * <p>On POSIX file systems the file must be readable and writable by its owner only ({@code chmod 600} or
   * {@code 400}); elsewhere (Windows) the directory's ACL is trusted.
   *
   * @throws IllegalArgumentException if the file is open to group or others, or its content breaks the rule
   */
  public static KeyEncryptionKey fromFile(Path file) throws IOException {
    String where = "key-encryption key file " + file;
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no key-encryption key file there");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(where + " is not a regular file");
    }
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
      if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
        throw new IllegalArgumentException(where + " can be read or written by group or others ("
            + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file);
      }
    }
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(where + " is larger than " + MAX_FILE_BYTES
          + " bytes: it must hold [id:]BASE64 of 32 bytes");
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      String text = new String(bytes, StandardCharsets.US_ASCII).strip();
      int colon = text.indexOf(':');
      if (colon < 0) {
        return decode(null, text, where);
      }
      String id = text.substring(0, colon);
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException(where + ": the id before ':' " + ID_RULE);
      }
      return decode(id, text.substring(colon + 1), where);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Makes a new random KEK in a new file {@code kek-xxxxxxxx:BASE64}, mode 600 from the start, for the embedded local
   * mode. The file appears complete or not at all, and an existing file is never replaced: the keys sealed with it
   * would be lost.
   *
   * @throws FileAlreadyExistsException if {@code file} exists
   */
  public static KeyEncryptionKey generateFile(Path file) throws IOException {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    KeyEncryptionKey kek = new KeyEncryptionKey(derivedId(key), key);
    byte[] base64 = Base64.getEncoder().encode(key);
    Arrays.fill(key, (byte) 0);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    FileAttribute<?>[] ownerOnly = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(dir, ".kek-", ".tmp", ownerOnly);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        writeFully(channel, (kek.id + ":").getBytes(StandardCharsets.US_ASCII));
        writeFully(channel, base64);
        writeFully(channel, new byte[] {'\n'});
        channel.force(true);
      }
      publish(temp, file);
      return kek;
    } finally {
      Arrays.fill(base64, (byte) 0);
      Files.deleteIfExists(temp);
    }
  }

  /** The KEK in {@code file}, made first with {@link #generateFile} if there is none (local mode's first start). */
  public static KeyEncryptionKey loadOrGenerate(Path file) throws IOException {
    if (!Files.exists(file)) {
      try {
        return generateFile(file);
      } catch (FileAlreadyExistsException raced) {
        // another process made it first: use theirs
      }
    }
    return fromFile(file);
  }

  public String id() {
    return id;
  }

  /** For {@link KeyWrapper} only. */
  SecretKey secretKey() {
    return new SecretKeySpec(key, "AES");
  }

  /**
   * The id of a key given without one: {@code kek-} and the first 8 hex digits of SHA-256 over a label and the key.
   * 32 bits of a hash of a 256-bit random key tell nothing usable about it.
   */
  static String derivedId(byte[] key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("seedship key-encryption key id\0".getBytes(StandardCharsets.US_ASCII));
      return "kek-" + HexFormat.of().formatHex(sha256.digest(key), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[id=" + id + ", key=(AES-256, redacted)]";
  }

  private static String requireId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("key-encryption key id " + ID_RULE);
    }
    return id;
  }

  private static KeyEncryptionKey decode(String id, String base64, String where) {
    if (base64 == null) {
      throw new IllegalArgumentException(where + " is missing: it must be base64 of " + KEY_BYTES + " random bytes");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
    } catch (IllegalArgumentException e) {
      // the decoder's message quotes the offending character: a piece of the secret, so it is not passed on
      throw new IllegalArgumentException(where + " is not valid base64: it must be base64 of " + KEY_BYTES
          + " random bytes (AES-256), for example from `openssl rand -base64 32`");
    }
    try {
      if (key.length != KEY_BYTES) {
        throw new IllegalArgumentException(where + " must be base64 of " + KEY_BYTES + " bytes (AES-256); it decodes to "
            + key.length + " bytes. Make one with `openssl rand -base64 32`");
      }
      return new KeyEncryptionKey(id != null ? id : derivedId(key), key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Puts the finished temp file in place under its final name, refusing to replace an existing file. */
  private static void publish(Path temp, Path file) throws IOException {
    try {
      // a hard link is atomic and fails if the name exists; ATOMIC_MOVE would silently replace on POSIX
      Files.createLink(file, temp);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(file.toString(), null,
          "a key-encryption key file already exists there; refusing to replace it (the keys sealed with it would be lost)");
    } catch (UnsupportedOperationException | FileSystemException noLinks) {
      // file systems without hard links: move without replacing (existence check and rename are two steps there)
      Files.move(temp, file);
    }
    fsyncDirectory(file.toAbsolutePath().getParent());
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // Windows cannot open a directory as a channel; NTFS journals the rename itself
    }
  }
}
