package io.seedship.cert.certificate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Certificate thumbprints as Windows shows them: SHA-1 of the DER encoding, 40 upper-case hex digits, no separators.
 * The backup server finds its certificate in the store by this value (registry {@code AzureADAppCertThumbprint_<id>}).
 */
public final class Thumbprints {

  private static final Pattern FORMAT = Pattern.compile("[0-9A-F]{40}");

  private Thumbprints() {}

  public static String of(X509Certificate certificate) {
    try {
      // SHA-1 is what Windows and Entra ID use to name a certificate; it identifies, it does not protect
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-1", e);
    }
  }

  /** Checks the format (40 upper-case hex digits) and returns the value; the message names {@code field}. */
  public static String require(String field, String thumbprint) {
    if (thumbprint == null || !FORMAT.matcher(thumbprint).matches()) {
      throw new IllegalArgumentException(field + " must be a certificate thumbprint: 40 upper-case hex digits (SHA-1)");
    }
    return thumbprint;
  }
}
