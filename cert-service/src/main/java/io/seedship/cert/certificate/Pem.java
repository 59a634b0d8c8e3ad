package io.seedship.cert.certificate;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;

/**
 * A certificate and its private key as one PEM document: the unencrypted PKCS#8 {@code PRIVATE KEY} block, then the
 * {@code CERTIFICATE} block. This is what the Azure SDK's {@code ClientCertificateCredentialBuilder.pemCertificate}
 * reads, so Seedship can sign in as the offline seeding application.
 *
 * <p>The result holds the private key in clear. Keep it in memory only (never write it to a file or a log) and clear
 * the array with {@code Arrays.fill(pem, (byte) 0)} as soon as it has been used. The document is assembled straight
 * into the returned array, without intermediate strings, so that array is the only copy this class leaves behind.
 */
public final class Pem {

  private static final byte[] NEWLINE = {'\n'};
  private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, NEWLINE);

  private Pem() {}

  /** The key block then the certificate block, ASCII, lines of 64 characters ending in LF. */
  public static byte[] of(X509Certificate certificate, PrivateKey privateKey) {
    if (privateKey == null || !"PKCS#8".equals(privateKey.getFormat())) {
      throw new IllegalArgumentException("privateKey must be a private key with a PKCS#8 encoding");
    }
    byte[] certificateBase64;
    try {
      certificateBase64 = BASE64.encode(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
    }
    byte[] pkcs8 = privateKey.getEncoded();
    byte[] keyBase64 = BASE64.encode(pkcs8);
    Arrays.fill(pkcs8, (byte) 0);
    try {
      return concat(ascii("-----BEGIN PRIVATE KEY-----\n"), keyBase64, NEWLINE, ascii("-----END PRIVATE KEY-----\n"),
          ascii("-----BEGIN CERTIFICATE-----\n"), certificateBase64, NEWLINE, ascii("-----END CERTIFICATE-----\n"));
    } finally {
      Arrays.fill(keyBase64, (byte) 0);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
