package io.seedship.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class KeyEncryptionKeyTest {

  public static final String KEY_2026 = Base64.getEncoder().encodeToString(bytes(32, 7));

  @TempDir Path dir;

  public static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed * 31 + i * 17);
    }
    return b;
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private Path write(String name, String content, String mode) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    if (posix()) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }
    return file;
  }

  @Test
  void fromBase64KeepsTheIdAndTheKey() {
    KeyEncryptionKey kek = KeyEncryptionKey.fromBase64("kek-2026", KEY_2026);
    assertThat(kek.id()).isEqualTo("kek-2026");
    assertThat(kek.secretKey().getEncoded()).isEqualTo(bytes(32, 7));
    assertThat(kek.secretKey().getAlgorithm()).isEqualTo("AES");
  }

  @Test
  void aWrongLengthNamesTheKeyAndTheRuleButNotTheValue() {
    String sixteen = Base64.getEncoder().encodeToString(bytes(16, 3));
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("kek-2026", sixteen))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key-encryption key 'kek-2026' must be base64 of 32 bytes (AES-256); it decodes to 16 bytes")
        .message().doesNotContain(sixteen);
  }

  @Test
  void invalidBase64DoesNotEchoAnyOfIt() {
    String bad = "secret-part-!!" + KEY_2026;
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("kek-2026", bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasNoCause()
        .hasMessageStartingWith("key-encryption key 'kek-2026' is not valid base64")
        .message().doesNotContain("secret").doesNotContain("!").doesNotContain("2d").doesNotContain(KEY_2026);
  }

  @Test
  void refusesIdsOutsideTheRule() {
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("has space", KEY_2026))
        .hasMessageStartingWith("key-encryption key id must be 1 to 64 letters");
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("", KEY_2026)).hasMessageStartingWith("key-encryption key id");
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("k".repeat(65), KEY_2026)).hasMessageStartingWith("key-encryption key id");
  }

  @Test
  void toStringShowsTheIdOnly() {
    KeyEncryptionKey kek = KeyEncryptionKey.fromBase64("kek-2026", KEY_2026);
    assertThat(kek.toString()).isEqualTo("KeyEncryptionKey[id=kek-2026, key=(AES-256, redacted)]");
  }

  @Test
  void fromFileReadsAnIdPrefixAndIgnoresSurroundingWhitespace() throws Exception {
    KeyEncryptionKey kek = KeyEncryptionKey.fromFile(write("kek", "  kek-2026:" + KEY_2026 + "\n", "rw-------"));
    assertThat(kek.id()).isEqualTo("kek-2026");
    assertThat(kek.secretKey().getEncoded()).isEqualTo(bytes(32, 7));
  }

  @Test
  void fromFileWithoutAnIdDerivesAStableOne() throws Exception {
    KeyEncryptionKey first = KeyEncryptionKey.fromFile(write("a", KEY_2026 + "\n", "r--------"));
    KeyEncryptionKey second = KeyEncryptionKey.fromFile(write("b", KEY_2026, "rw-------"));
    KeyEncryptionKey other = KeyEncryptionKey.fromFile(write("c", Base64.getEncoder().encodeToString(bytes(32, 8)), "rw-------"));
    assertThat(first.id()).matches("kek-[0-9a-f]{8}").isEqualTo(second.id()).isNotEqualTo(other.id());
  }

  @Test
  void refusesFilesGroupOrOthersCanRead() throws Exception {
    assumeTrue(posix(), "no POSIX permissions on this file system");
    for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"}) {
      Path file = write("kek-" + mode, "kek-2026:" + KEY_2026, mode);
      assertThatThrownBy(() -> KeyEncryptionKey.fromFile(file))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("group or others (" + mode + ")")
          .hasMessageEndingWith("run chmod 600 " + file)
          .message().doesNotContain(KEY_2026);
    }
  }

  @Test
  void fromFileNamesThePathWhenTheContentIsWrong() throws Exception {
    Path file = write("short", "kek-2026:" + Base64.getEncoder().encodeToString(bytes(31, 1)), "rw-------");
    assertThatThrownBy(() -> KeyEncryptionKey.fromFile(file))
        .hasMessage("key-encryption key file " + file + " must be base64 of 32 bytes (AES-256); it decodes to 31 bytes."
            + " Make one with `openssl rand -base64 32`");
    Path badId = write("badid", "kek 2026:" + KEY_2026, "rw-------");
    assertThatThrownBy(() -> KeyEncryptionKey.fromFile(badId))
        .hasMessageStartingWith("key-encryption key file " + badId + ": the id before ':' must be")
        .message().doesNotContain(KEY_2026);
  }

  @Test
  void generateFileMakesAnOwnerOnlyFileThatReadsBack() throws Exception {
    Path file = dir.resolve("local").resolve("kek");
    KeyEncryptionKey made = KeyEncryptionKey.generateFile(file);

    assertThat(made.id()).matches("kek-[0-9a-f]{8}");
    if (posix()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    assertThat(Files.readString(file)).matches(made.id() + ":[A-Za-z0-9+/]{43}=\n");
    KeyEncryptionKey read = KeyEncryptionKey.fromFile(file);
    assertThat(read.id()).isEqualTo(made.id());
    assertThat(read.secretKey().getEncoded()).isEqualTo(made.secretKey().getEncoded());
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).as("no temp file left").containsExactly(file);
    }
  }

  @Test
  void generateFileNeverReplacesAnExistingKey() throws Exception {
    Path file = dir.resolve("kek");
    KeyEncryptionKey.generateFile(file);
    String before = Files.readString(file);
    assertThatThrownBy(() -> KeyEncryptionKey.generateFile(file))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("refusing to replace it");
    assertThat(Files.readString(file)).isEqualTo(before);
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void loadOrGenerateMakesOnceThenLoads() throws Exception {
    Path file = dir.resolve("kek");
    KeyEncryptionKey first = KeyEncryptionKey.loadOrGenerate(file);
    KeyEncryptionKey second = KeyEncryptionKey.loadOrGenerate(file);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.secretKey().getEncoded()).isEqualTo(first.secretKey().getEncoded());
  }
}
