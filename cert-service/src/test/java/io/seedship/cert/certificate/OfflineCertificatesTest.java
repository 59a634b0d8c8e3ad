package io.seedship.cert.certificate;

import static io.seedship.cert.certificate.TestCertificates.CLOCK;
import static io.seedship.cert.certificate.TestCertificates.NOW;
import static io.seedship.cert.certificate.TestCertificates.RESOURCE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OfflineCertificatesTest {

  @Test
  void subjectIsThePrefixAndTheResourceId() {
    assertThat(OfflineCertificates.subjectFor("abc-123"))
        .isEqualTo("CN=CB_AzureADCertforOfflineSeeding_abc-123");
  }

  @Test
  void generatesASelfSignedClientAuthenticationCertificate() throws Exception {
    IssuedCertificate issued = TestCertificates.issued();
    X509Certificate cert = issued.certificate();

    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=CB_AzureADCertforOfflineSeeding_" + RESOURCE_ID);
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(cert.getVersion()).isEqualTo(3);
    cert.verify(cert.getPublicKey());

    assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(730)));

    assertThat(cert.getSerialNumber().signum()).isPositive();
    assertThat(cert.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);

    assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    boolean[] keyUsage = cert.getKeyUsage();
    assertThat(keyUsage[0]).as("digitalSignature").isTrue();
    assertThat(keyUsage[2]).as("keyEncipherment").isTrue();
    assertThat(keyUsage[5]).as("keyCertSign").isFalse();
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(cert.getExtensionValue("2.5.29.14")).as("subjectKeyIdentifier").isNotNull();

    assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
  }

  @Test
  void thePrivateKeyBelongsToTheCertificate() throws Exception {
    IssuedCertificate issued = TestCertificates.issued();
    byte[] data = "offline seeding".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(issued.privateKey());
    signer.update(data);
    byte[] signature = signer.sign();

    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(issued.certificate());
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void everyCertificateHasItsOwnSerialAndKey() {
    IssuedCertificate other = OfflineCertificates.generate(RESOURCE_ID, Duration.ofDays(1), 2048, CLOCK);
    IssuedCertificate issued = TestCertificates.issued();
    assertThat(other.certificate().getSerialNumber()).isNotEqualTo(issued.certificate().getSerialNumber());
    assertThat(other.certificate().getPublicKey()).isNotEqualTo(issued.certificate().getPublicKey());
  }

  @Test
  void acceptsTheLongestResourceIdThoughTheNameExceedsRfc5280sBound() throws Exception {
    String longest = "A1-".repeat(21) + "z";
    X509Certificate cert = OfflineCertificates.generate(longest, Duration.ofDays(1), 2048, CLOCK).certificate();
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=CB_AzureADCertforOfflineSeeding_" + longest);
    if (OpenSsl.available()) {
      OpenSsl.Result result = OpenSsl.run(cert.getEncoded(), "x509", "-inform", "DER", "-noout", "-subject");
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("CB_AzureADCertforOfflineSeeding_" + longest);
    }
  }

  @Test
  void serialsArePositiveAndAtMost128Bits() {
    for (int i = 0; i < 1000; i++) {
      assertThat(OfflineCertificates.serial()).isPositive().satisfies(s -> assertThat(s.bitLength()).isLessThanOrEqualTo(128));
    }
  }

  @Test
  void refusesKeysUnder2048Bits() {
    assertThatThrownBy(() -> OfflineCertificates.generate(RESOURCE_ID, Duration.ofDays(1), 1024, CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rsaBits must be between 2048 and 16384");
  }

  @Test
  void refusesANonPositiveValidity() {
    assertThatThrownBy(() -> OfflineCertificates.generate(RESOURCE_ID, Duration.ZERO, 2048, CLOCK))
        .hasMessageContaining("validity must be a positive duration");
  }

  @Test
  void refusesResourceIdsOutsideTheRule() {
    for (String bad : new String[] {"", "has space", "a;b", "CN=x", "ä", "x".repeat(65)}) {
      assertThatThrownBy(() -> OfflineCertificates.subjectFor(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("resourceId must be 1 to 64 letters, digits or dashes (the backup server's registration id in the vault)");
    }
    assertThatThrownBy(() -> OfflineCertificates.subjectFor(null)).hasMessageStartingWith("resourceId must be");
    assertThat(OfflineCertificates.subjectFor("x".repeat(64))).endsWith("x".repeat(64));
  }

  @Test
  void toStringShowsTheCertificateButNotTheKey() {
    IssuedCertificate issued = TestCertificates.issued();
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) issued.privateKey();
    String text = issued.toString();
    assertThat(text).contains(issued.thumbprint()).contains(RESOURCE_ID).contains("redacted")
        .doesNotContain(Base64.getEncoder().encodeToString(key.getEncoded()).substring(0, 40))
        .doesNotContain(key.getPrivateExponent().toString())
        .doesNotContain(key.getPrivateExponent().toString(16))
        .doesNotContain(key.getPrimeP().toString());
  }
}
