package io.seedship.localazure.graph;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A self-signed RSA certificate with its key, as an application owner would register one. */
public record TestCertificate(X509Certificate certificate, PrivateKey privateKey) {

  public static TestCertificate create(String name) {
    return create(name, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(730)));
  }

  public static TestCertificate create(String name, Instant notBefore, Instant notAfter) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      X500Principal subject = new X500Principal("CN=" + name);
      var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
          Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic());
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
      return new TestCertificate(certificate, pair.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] der() {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key as the Azure SDK sends it in keyCredentials: base64url without padding. */
  public String keyBase64Url() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(der());
  }

  public String keyBase64() {
    return Base64.getEncoder().encodeToString(der());
  }

  public byte[] thumbprint(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm).digest(der());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Unencrypted PKCS#8 key then the certificate: what ClientCertificateCredential's pemCertificate reads. */
  public byte[] pem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new JcaPKCS8Generator(privateKey, null));
      writer.writeObject(certificate);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A keyCredentials entry for a Graph body. */
  public String keyCredentialJson(String displayName) {
    return "{\"type\":\"AsymmetricX509Cert\",\"usage\":\"Verify\",\"displayName\":\"" + displayName
        + "\",\"key\":\"" + keyBase64Url() + "\"}";
  }
}
