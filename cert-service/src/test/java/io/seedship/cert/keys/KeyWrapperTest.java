package io.seedship.cert.keys;

import io.seedship.runtime.secrets.KeyEncryptionKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.seedship.cert.certificate.IssuedCertificate;
import io.seedship.cert.certificate.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import io.seedship.runtime.secrets.KeyEncryptionKeyTest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyWrapperTest {

  private static final KeyEncryptionKey OLD = KeyEncryptionKey.fromBase64("kek-2025", b64(KeyEncryptionKeyTest.bytes(32, 1)));
  private static final KeyEncryptionKey NEW = KeyEncryptionKey.fromBase64("kek-2026", b64(KeyEncryptionKeyTest.bytes(32, 2)));
  private static final String OTHER_THUMBPRINT = "0123456789ABCDEF0123456789ABCDEF01234567";

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static IssuedCertificate issued() {
    return TestCertificates.issued();
  }

  @Test
  void opensWhatItSealed() {
    KeyWrapper wrapper = new KeyWrapper(NEW);
    byte[] sealed = wrapper.seal(issued().privateKey(), issued().thumbprint());
    PrivateKey opened = wrapper.open(sealed, issued().thumbprint());
    assertThat(opened).isEqualTo(issued().privateKey());
    assertThat(opened.getAlgorithm()).isEqualTo("RSA");
    assertThat(wrapper.needsRewrap(sealed)).isFalse();
  }

  @Test
  void writesTheDocumentedFormat() {
    byte[] sealed = new KeyWrapper(NEW).seal(issued().privateKey(), issued().thumbprint());
    int pkcs8Length = issued().privateKey().getEncoded().length;
    assertThat(sealed[0]).isEqualTo((byte) 1);
    assertThat(sealed[1]).isEqualTo((byte) "kek-2026".length());
    assertThat(new String(sealed, 2, 8, StandardCharsets.US_ASCII)).isEqualTo("kek-2026");
    assertThat(sealed).hasSize(2 + 8 + 12 + pkcs8Length + 16);
    assertThat(KeyWrapper.keyIdOf(sealed)).isEqualTo("kek-2026");
  }

  @Test
  void everySealHasItsOwnIv() {
    KeyWrapper wrapper = new KeyWrapper(NEW);
    byte[] a = wrapper.seal(issued().privateKey(), issued().thumbprint());
    byte[] b = wrapper.seal(issued().privateKey(), issued().thumbprint());
    assertThat(Arrays.copyOfRange(a, 10, 22)).isNotEqualTo(Arrays.copyOfRange(b, 10, 22));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void theSealedBytesDoNotContainThePkcs8Bytes() {
    byte[] pkcs8 = issued().privateKey().getEncoded();
    byte[] sealed = new KeyWrapper(NEW).seal(issued().privateKey(), issued().thumbprint());
    // no 16-byte run of the clear key appears anywhere in the sealed bytes
    for (int at = 0; at + 16 <= pkcs8.length; at += 8) {
      assertThat(indexOf(sealed, Arrays.copyOfRange(pkcs8, at, at + 16))).as("run at %d", at).isEqualTo(-1);
    }
  }

  @Test
  void alteredBytesDoNotOpen() {
    KeyWrapper wrapper = new KeyWrapper(NEW);
    byte[] sealed = wrapper.seal(issued().privateKey(), issued().thumbprint());
    for (int at : new int[] {12, 40, sealed.length / 2, sealed.length - 1}) {
      byte[] altered = sealed.clone();
      altered[at] ^= 0x01;
      assertThatThrownBy(() -> wrapper.open(altered, issued().thumbprint()))
          .isInstanceOf(SealedKeyException.class)
          .hasMessage("the sealed private key does not open for certificate " + issued().thumbprint()
              + " with key-encryption key 'kek-2026': it was altered, or it was sealed for another certificate");
    }
  }

  @Test
  void aKeyMovedToAnotherCertificateDoesNotOpen() {
    KeyWrapper wrapper = new KeyWrapper(NEW);
    byte[] sealed = wrapper.seal(issued().privateKey(), issued().thumbprint());
    assertThatThrownBy(() -> wrapper.open(sealed, OTHER_THUMBPRINT))
        .isInstanceOf(SealedKeyException.class)
        .hasMessageContaining("does not open for certificate " + OTHER_THUMBPRINT)
        .hasMessageContaining("sealed for another certificate");
  }

  @Test
  void anEditedKekIdDoesNotOpenEvenWithThatKekConfigured() {
    KeyWrapper wrapper = new KeyWrapper(NEW, List.of(KeyEncryptionKey.fromBase64("kek-2027", b64(KeyEncryptionKeyTest.bytes(32, 2)))));
    byte[] sealed = wrapper.seal(issued().privateKey(), issued().thumbprint());
    sealed[9] = '7'; // "kek-2026" -> "kek-2027", the same key bytes: the header is authenticated too
    byte[] edited = sealed;
    assertThatThrownBy(() -> wrapper.open(edited, issued().thumbprint())).isInstanceOf(SealedKeyException.class)
        .hasMessageContaining("with key-encryption key 'kek-2027': it was altered");
  }

  @Test
  void anUnknownKekIsNamed() {
    byte[] sealed = new KeyWrapper(OLD).seal(issued().privateKey(), issued().thumbprint());
    assertThatThrownBy(() -> new KeyWrapper(NEW).open(sealed, issued().thumbprint()))
        .isInstanceOf(SealedKeyException.class)
        .hasMessage("the private key of certificate " + issued().thumbprint()
            + " was sealed with key-encryption key 'kek-2025', which is not configured (configured: kek-2026)");
  }

  @Test
  void rotationOpensOldKeysAndReportsThemForRewrap() {
    byte[] sealedOld = new KeyWrapper(OLD).seal(issued().privateKey(), issued().thumbprint());
    KeyWrapper rotated = new KeyWrapper(NEW, List.of(OLD));

    assertThat(rotated.activeKeyId()).isEqualTo("kek-2026");
    assertThat(rotated.needsRewrap(sealedOld)).isTrue();
    assertThat(rotated.open(sealedOld, issued().thumbprint())).isEqualTo(issued().privateKey());

    byte[] rewrapped = rotated.rewrap(sealedOld, issued().thumbprint());
    assertThat(KeyWrapper.keyIdOf(rewrapped)).isEqualTo("kek-2026");
    assertThat(rotated.needsRewrap(rewrapped)).isFalse();
    assertThat(new KeyWrapper(NEW).open(rewrapped, issued().thumbprint())).isEqualTo(issued().privateKey());
  }

  @Test
  void refusesDuplicateKekIds() {
    assertThatThrownBy(() -> new KeyWrapper(NEW, List.of(OLD, KeyEncryptionKey.fromBase64("kek-2025", KeyEncryptionKeyTest.KEY_2026))))
        .hasMessage("key-encryption key ids must be unique; 'kek-2025' is configured twice");
  }

  @Test
  void refusesWhatIsNotASealedKey() {
    KeyWrapper wrapper = new KeyWrapper(NEW);
    String thumbprint = issued().thumbprint();
    assertThatThrownBy(() -> wrapper.open(new byte[] {7, 1, 'x'}, thumbprint))
        .isInstanceOf(SealedKeyException.class).hasMessage("not a sealed private key: format version 7, this code reads version 1");
    assertThatThrownBy(() -> wrapper.open(new byte[] {1, 8, 'k'}, thumbprint))
        .isInstanceOf(SealedKeyException.class).hasMessage("not a sealed private key: truncated (3 bytes)");
    assertThatThrownBy(() -> wrapper.open(new byte[0], thumbprint))
        .isInstanceOf(SealedKeyException.class).hasMessage("not a sealed private key: 0 bytes");
    assertThatThrownBy(() -> wrapper.needsRewrap(null)).isInstanceOf(SealedKeyException.class);
  }

  @Test
  void thumbprintsMustBeWindowsThumbprints() {
    KeyWrapper wrapper = new KeyWrapper(NEW);
    assertThatThrownBy(() -> wrapper.seal(issued().privateKey(), issued().thumbprint().toLowerCase()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("thumbprint must be a certificate thumbprint: 40 upper-case hex digits (SHA-1)");
  }

  @Test
  void noMessageContainsKeyMaterial() {
    KeyWrapper wrapper = new KeyWrapper(NEW, List.of(OLD));
    String thumbprint = issued().thumbprint();
    byte[] sealed = wrapper.seal(issued().privateKey(), thumbprint);
    byte[] altered = sealed.clone();
    altered[sealed.length - 1] ^= 1;
    byte[] unknown = new KeyWrapper(KeyEncryptionKey.fromBase64("kek-x", KeyEncryptionKeyTest.KEY_2026))
        .seal(issued().privateKey(), thumbprint);

    List<String> messages = new ArrayList<>();
    messages.add(catchThrowable(() -> wrapper.open(altered, thumbprint)).getMessage());
    messages.add(catchThrowable(() -> wrapper.open(sealed, OTHER_THUMBPRINT)).getMessage());
    messages.add(catchThrowable(() -> wrapper.open(unknown, thumbprint)).getMessage());
    messages.add(catchThrowable(() -> wrapper.open(Arrays.copyOf(sealed, 20), thumbprint)).getMessage());

    byte[] pkcs8 = issued().privateKey().getEncoded();
    List<String> secrets = new ArrayList<>();
    for (byte[] kek : List.of(KeyEncryptionKeyTest.bytes(32, 2), KeyEncryptionKeyTest.bytes(32, 1))) {
      secrets.add(b64(kek).substring(0, 12));
      secrets.add(HexFormat.of().formatHex(kek).substring(0, 12));
      secrets.add(HexFormat.of().withUpperCase().formatHex(kek).substring(0, 12));
    }
    secrets.add(b64(pkcs8).substring(40, 60));
    secrets.add(HexFormat.of().formatHex(pkcs8, 40, 50));
    secrets.add(HexFormat.of().withUpperCase().formatHex(pkcs8, 40, 50));
    assertThat(messages).hasSize(4).allSatisfy(message -> {
      assertThat(message).isNotBlank();
      for (String secret : secrets) {
        assertThat(message).doesNotContain(secret);
      }
    });
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
