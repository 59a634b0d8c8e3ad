package io.seedship.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

  private static final KeyEncryptionKey OLD = KeyEncryptionKey.fromBase64("kek-old",
      Base64.getEncoder().encodeToString(KeyEncryptionKeyTest.bytes(32, 3)));
  private static final KeyEncryptionKey NEW = KeyEncryptionKey.fromBase64("kek-new",
      Base64.getEncoder().encodeToString(KeyEncryptionKeyTest.bytes(32, 4)));
  private static final String PASSWORD = "123456-234567-345678-456789-567890-678901-789012-890123";

  private final SecretSealer sealer = new SecretSealer("recovery password", "drive", NEW, List.of(OLD));

  @Test
  void opensOnlyForTheOwnerItWasSealedFor() {
    byte[] sealed = sealer.seal(bytes(PASSWORD), "WD-1234");

    assertThat(new String(sealer.open(sealed, "WD-1234"), StandardCharsets.UTF_8)).isEqualTo(PASSWORD);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("123456");
    assertThatThrownBy(() -> sealer.open(sealed, "WD-9999")).isInstanceOf(SealedSecretException.class)
        .hasMessage("the sealed recovery password does not open for drive WD-9999 with key-encryption key 'kek-new':"
            + " it was altered, or it was sealed for another drive")
        .hasMessageNotContaining("123456");
  }

  @Test
  void anEditedSealDoesNotOpen() {
    byte[] sealed = sealer.seal(bytes(PASSWORD), "WD-1234");
    sealed[sealed.length - 3] ^= 1;

    assertThatThrownBy(() -> sealer.open(sealed, "WD-1234")).isInstanceOf(SealedSecretException.class)
        .hasMessageContaining("it was altered");
  }

  @Test
  void rotationRewrapsUnderTheActiveKey() {
    byte[] old = new SecretSealer("recovery password", "drive", OLD, List.of()).seal(bytes(PASSWORD), "WD-1");

    assertThat(sealer.needsRewrap(old)).isTrue();
    byte[] rewrapped = sealer.rewrap(old, "WD-1");
    assertThat(SecretSealer.keyIdOf(rewrapped)).isEqualTo("kek-new");
    assertThat(new String(new SecretSealer("recovery password", "drive", NEW, List.of()).open(rewrapped, "WD-1"),
        StandardCharsets.UTF_8)).isEqualTo(PASSWORD);
    assertThatThrownBy(() -> new SecretSealer("recovery password", "drive", NEW, List.of()).open(old, "WD-1"))
        .hasMessage("the recovery password of drive WD-1 was sealed with key-encryption key 'kek-old', which is not"
            + " configured (configured: kek-new)");
  }

  @Test
  void notASealedSecret() {
    assertThatThrownBy(() -> sealer.open(new byte[] {7, 1, 2}, "WD-1"))
        .hasMessage("not a sealed recovery password: format version 7, this code reads version 1");
    assertThatThrownBy(() -> sealer.open(new byte[] {1, 3, 'a', 'b', 'c'}, "WD-1"))
        .hasMessage("not a sealed recovery password: truncated (5 bytes)");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
