package io.seedship.cert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ThumbprintsTest {

  /**
   * A P-256 self-signed certificate made once with {@code openssl req -x509}; its thumbprint as
   * {@code openssl x509 -inform DER -noout -fingerprint -sha1} and {@code sha1sum} printed it.
   */
  static final String FIXTURE_DER_BASE64 = ""
      + "MIIBxDCCAWmgAwIBAgIUZAXxTJcyQ3YWY9pi3QH/YaEyzO4wCgYIKoZIzj0EAwIwNzE1MDMGA1UEAwwsQ0JfQXp1cmVBRENlcnRm"
      + "b3JPZmZsaW5lU2VlZGluZ19maXh0dXJlLTAwMDEwHhcNMjYxMTIxMjIzOTM3WhcNMzYxMTE4MjIzOTM3WjA3MTUwMwYDVQQDDCxD"
      + "Ql9BenVyZUFEQ2VydGZvck9mZmxpbmVTZWVkaW5nX2ZpeHR1cmUtMDAwMTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABHJPyqnZ"
      + "PT1Ng4hXvAWpCB5AGNo9cb3Tdb59CvlPx1p5fPyQ1QIXivZEpI6tVwIIXjKfzY7ZqWnhQNGhFy3DXJWjUzBRMB0GA1UdDgQWBBTp"
      + "wYUrQO/v7wgEXnbC/cg0WceEnzAfBgNVHSMEGDAWgBTpwYUrQO/v7wgEXnbC/cg0WceEnzAPBgNVHRMBAf8EBTADAQH/MAoGCCqG"
      + "SM49BAMCA0kAMEYCIQC8cmqSapI1Fimfs3tUcJkNwXYaG868sUtq9vxKJMpg8AIhAKtH72B/IENwtEUn2Nydzn+lcAa/DkH0Neak"
      + "h/Choyn9";
  static final String FIXTURE_THUMBPRINT = "35AD863C62421D2E524ED2DA8FC7D4906C1CAB6F";

  static X509Certificate fixture() throws Exception {
    byte[] der = Base64.getDecoder().decode(FIXTURE_DER_BASE64);
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  @Test
  void matchesTheKnownThumbprintOfTheFixture() throws Exception {
    assertThat(Thumbprints.of(fixture())).isEqualTo(FIXTURE_THUMBPRINT);
  }

  @Test
  void matchesOpensslForAGeneratedCertificate() throws Exception {
    OpenSsl.assumeAvailable();
    X509Certificate cert = TestCertificates.issued().certificate();
    OpenSsl.Result result = OpenSsl.run(cert.getEncoded(), "x509", "-inform", "DER", "-noout", "-fingerprint", "-sha1");
    assertThat(result.exitCode()).as(result.output()).isZero();
    // "sha1 Fingerprint=35:AD:..." (the prefix's wording differs between openssl versions)
    String openssl = result.output().trim().replaceFirst("^.*=", "").replace(":", "");
    assertThat(Thumbprints.of(cert)).isEqualTo(openssl);
  }

  @Test
  void isFortyUpperCaseHexDigits() {
    assertThat(Thumbprints.of(TestCertificates.issued().certificate())).matches("[0-9A-F]{40}");
  }

  @Test
  void requireChecksTheFormatAndNamesTheField() {
    assertThat(Thumbprints.require("thumbprint", FIXTURE_THUMBPRINT)).isEqualTo(FIXTURE_THUMBPRINT);
    for (String bad : new String[] {FIXTURE_THUMBPRINT.toLowerCase(), "35:AD", FIXTURE_THUMBPRINT + "0", "", null}) {
      assertThatThrownBy(() -> Thumbprints.require("certificateThumbprint", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("certificateThumbprint must be a certificate thumbprint: 40 upper-case hex digits (SHA-1)");
    }
  }
}
