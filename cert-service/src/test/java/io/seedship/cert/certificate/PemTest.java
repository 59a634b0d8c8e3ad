package io.seedship.cert.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PemTest {

  private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----\n([A-Za-z0-9+/=\n]+)\n-----END \\1-----\n");

  @Test
  void pkcs8KeyBlockThenCertificateBlock() throws Exception {
    IssuedCertificate issued = TestCertificates.issued();
    String pem = new String(Pem.of(issued.certificate(), issued.privateKey()), StandardCharsets.US_ASCII);

    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END CERTIFICATE-----\n")
        .doesNotContain("RSA PRIVATE KEY").doesNotContain("\r");
    assertThat(pem.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));

    Matcher m = BLOCK.matcher(pem);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo("PRIVATE KEY");
    assertThat(Base64.getMimeDecoder().decode(m.group(2))).isEqualTo(issued.privateKey().getEncoded());
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo("CERTIFICATE");
    X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(m.group(2))));
    assertThat(read).isEqualTo(issued.certificate());
    assertThat(m.end()).as("nothing after the certificate").isEqualTo(pem.length());
  }

  @Test
  void opensslReadsTheKeyAndTheCertificate() throws Exception {
    OpenSsl.assumeAvailable();
    IssuedCertificate issued = TestCertificates.issued();
    byte[] pem = Pem.of(issued.certificate(), issued.privateKey());

    OpenSsl.Result key = OpenSsl.run(pem, "pkey", "-pubout");
    assertThat(key.exitCode()).as(key.output()).isZero();
    assertThat(key.output()).contains(Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(issued.certificate().getPublicKey().getEncoded()).substring(0, 64));

    OpenSsl.Result cert = OpenSsl.run(pem, "x509", "-noout", "-fingerprint", "-sha1");
    assertThat(cert.exitCode()).as(cert.output()).isZero();
    assertThat(cert.output().replace(":", "")).contains(issued.thumbprint());
  }
}
