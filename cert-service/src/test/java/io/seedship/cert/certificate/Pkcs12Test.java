package io.seedship.cert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Map;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilderProvider;
import org.junit.jupiter.api.Test;

class Pkcs12Test {

  private static final String PASSWORD = "correct horse battery";
  private static final String NAME = "AzureOfflineBackup certificate";

  private static byte[] export() {
    IssuedCertificate issued = TestCertificates.issued();
    return Pkcs12.export(issued.certificate(), issued.privateKey(), PASSWORD.toCharArray(), NAME);
  }

  @Test
  void opensWithThePasswordAndYieldsTheSameCertificateAndKey() throws Exception {
    IssuedCertificate issued = TestCertificates.issued();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(new ByteArrayInputStream(export()), PASSWORD.toCharArray());

    assertThat(Collections.list(store.aliases())).containsExactly(NAME.toLowerCase());
    String alias = store.aliases().nextElement();
    assertThat(store.isKeyEntry(alias)).isTrue();
    assertThat(store.getKey(alias, PASSWORD.toCharArray())).isEqualTo(issued.privateKey());
    assertThat(store.getCertificate(alias)).isEqualTo(issued.certificate());
    assertThat(store.getCertificateChain(alias)).containsExactly(issued.certificate());
  }

  @Test
  void aWrongPasswordDoesNotOpenIt() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    assertThatThrownBy(() -> store.load(new ByteArrayInputStream(export()), "wrong password!".toCharArray()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void usesPbes2WithAes256AndPbkdf2HmacSha256AndASha256Mac() throws Exception {
    PKCS12PfxPdu pfx = new PKCS12PfxPdu(export());
    assertThat(pfx.hasMac()).isTrue();
    assertThat(pfx.getMacAlgorithmID().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
    assertThat(pfx.isMacValid(new BcPKCS12MacCalculatorBuilderProvider(BcDefaultDigestProvider.INSTANCE), PASSWORD.toCharArray()))
        .isTrue();

    PKCS12SafeBag keyBag = null;
    for (ContentInfo info : pfx.getContentInfos()) {
      assertThat(info.getContentType()).as("no password-encrypted safe contents").isEqualTo(PKCSObjectIdentifiers.data);
      for (PKCS12SafeBag bag : new PKCS12SafeBagFactory(info).getSafeBags()) {
        if (bag.getType().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
          keyBag = bag;
        }
      }
    }
    assertThat(keyBag).as("a shrouded key bag").isNotNull();
    EncryptedPrivateKeyInfo encrypted = EncryptedPrivateKeyInfo.getInstance(
        ((PKCS8EncryptedPrivateKeyInfo) keyBag.getBagValue()).toASN1Structure());
    assertThat(encrypted.getEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBES2);
    PBES2Parameters pbes2 = PBES2Parameters.getInstance(encrypted.getEncryptionAlgorithm().getParameters());
    assertThat(pbes2.getEncryptionScheme().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
    assertThat(pbes2.getKeyDerivationFunc().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBKDF2);
    PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
    assertThat(kdf.getPrf().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
    assertThat(kdf.getIterationCount().intValue()).isEqualTo(Pkcs12.ITERATIONS);
  }

  @Test
  void opensslReadsIt() throws Exception {
    OpenSsl.assumeAvailable();
    // the password goes through the environment, not the command line
    OpenSsl.Result result = OpenSsl.run(export(), Map.of("P12_PASSWORD", PASSWORD),
        "pkcs12", "-info", "-noout", "-passin", "env:P12_PASSWORD");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("MAC: sha256")
        .contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC")
        .contains("PRF hmacWithSHA256");
  }

  @Test
  void opensslRefusesAWrongPassword() throws Exception {
    OpenSsl.assumeAvailable();
    OpenSsl.Result result = OpenSsl.run(export(), Map.of("P12_PASSWORD", "not the password"),
        "pkcs12", "-info", "-noout", "-passin", "env:P12_PASSWORD");
    assertThat(result.exitCode()).isNotZero();
  }

  @Test
  void refusesPasswordsShorterThanTwelveCharactersWithoutEchoingThem() {
    IssuedCertificate issued = TestCertificates.issued();
    String shortPassword = "elevenchars";
    assertThatThrownBy(() -> Pkcs12.export(issued.certificate(), issued.privateKey(), shortPassword.toCharArray(), NAME))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("password must have at least 12 characters")
        .message().doesNotContain(shortPassword);
    assertThatThrownBy(() -> Pkcs12.export(issued.certificate(), issued.privateKey(), null, NAME))
        .hasMessage("password must have at least 12 characters");
  }

  @Test
  void refusesABlankFriendlyName() {
    IssuedCertificate issued = TestCertificates.issued();
    assertThatThrownBy(() -> Pkcs12.export(issued.certificate(), issued.privateKey(), PASSWORD.toCharArray(), " "))
        .hasMessage("friendlyName must not be blank");
  }
}
