package io.seedship.localazure.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificate local-azure serves HTTPS with, made at first start and kept in a directory:
 * {@code local-azure.p12} (key and certificate, for the server), {@code trust.p12} and {@code local-azure.pem}
 * (the certificate alone, for clients and Node), {@code local-azure-key.pem} (for Azurite). It is its own CA, so
 * a client trusts exactly this server and nothing else through it.
 */
public final class LocalCertificates {

  public static final String ALIAS = "local-azure";
  /** Local test material only; the key never leaves this machine's data directory. */
  public static final String KEY_STORE_PASSWORD = "local-azure";
  public static final String TRUST_STORE_PASSWORD = "changeit";

  private final Path dir;

  private LocalCertificates(Path dir) {
    this.dir = dir;
  }

  /** Loads the certificates in {@code dir}, making them first if absent. Safe to call from several starts. */
  public static synchronized LocalCertificates ensure(Path dir, String host) {
    LocalCertificates certificates = new LocalCertificates(dir);
    if (!Files.exists(certificates.keyStore())) {
      certificates.create(host);
    }
    return certificates;
  }

  public Path keyStore() {
    return dir.resolve("local-azure.p12");
  }

  public Path trustStore() {
    return dir.resolve("trust.p12");
  }

  public Path certificatePem() {
    return dir.resolve("local-azure.pem");
  }

  public Path privateKeyPem() {
    return dir.resolve("local-azure-key.pem");
  }

  public String password() {
    return KEY_STORE_PASSWORD;
  }

  public X509Certificate certificate() {
    try (InputStream in = Files.newInputStream(trustStore())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, TRUST_STORE_PASSWORD.toCharArray());
      return (X509Certificate) store.getCertificate(ALIAS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + trustStore(), e);
    }
  }

  /** An SSL context that trusts local-azure's certificate only. */
  public SSLContext sslContext() {
    try (InputStream in = Files.newInputStream(trustStore())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, TRUST_STORE_PASSWORD.toCharArray());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build an SSL context from " + trustStore(), e);
    }
  }

  private void create(String host) {
    try {
      Files.createDirectories(dir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, new SecureRandom());
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Principal subject = new X500Principal("CN=local-azure " + host + ", O=Seedship local-azure");
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic());
      GeneralNames names = new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, host),
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
      builder.addExtension(Extension.subjectAlternativeName, false, names);
      // a CA as well, so Node (Azurite) and JDKs accept it as a trust anchor
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign));
      X509Certificate certificate = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));

      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(ALIAS, keys.getPrivate(), KEY_STORE_PASSWORD.toCharArray(), new Certificate[] {certificate});
      KeyStore trustStore = KeyStore.getInstance("PKCS12");
      trustStore.load(null, null);
      trustStore.setCertificateEntry(ALIAS, certificate);

      writeAtomically(certificatePem(), pem(certificate).getBytes(StandardCharsets.US_ASCII));
      writeAtomically(privateKeyPem(), pem(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
      writeAtomically(trustStore(), store(trustStore, TRUST_STORE_PASSWORD));
      // last: its presence means the set is complete
      writeAtomically(keyStore(), store(keyStore, KEY_STORE_PASSWORD));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write local-azure's certificates to " + dir, e);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot make local-azure's certificate", e);
    }
  }

  private static byte[] store(KeyStore store, String password) throws IOException, GeneralSecurityException {
    var out = new java.io.ByteArrayOutputStream();
    store.store(out, password.toCharArray());
    return out.toByteArray();
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      out.write(bytes);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
