package io.seedship.cert.certificate;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed certificates for Azure Backup offline seeding, the kind AzureOfflineBackupCertGen.exe makes: registered
 * on the Entra ID application {@code AzureOfflineBackup_<Azure user id>}, installed with its key on the backup server.
 *
 * <p>Only the JDK's own providers are used (BouncyCastle builds the ASN.1; nothing is added to the global providers).
 */
public final class OfflineCertificates {

  /** The common name's prefix the backup server looks for; the backup server's resource id follows it. */
  public static final String SUBJECT_PREFIX = "CN=CB_AzureADCertforOfflineSeeding_";
  public static final int MIN_RSA_BITS = 2048;
  public static final int MAX_RSA_BITS = 16384;
  /** How far notBefore is set back, so a server whose clock runs a little behind already accepts the certificate. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private OfflineCertificates() {}

  /** The subject for the backup server registered in the vault under {@code resourceId}. */
  public static String subjectFor(String resourceId) {
    return SUBJECT_PREFIX + requireResourceId(resourceId);
  }

  /**
   * Checks a backup server's resource id (its registration id in the vault, opaque to us) and returns it.
   *
   * @throws IllegalArgumentException naming {@code resourceId} and the rule
   */
  public static String requireResourceId(String resourceId) {
    if (resourceId == null || !RESOURCE_ID.matcher(resourceId).matches()) {
      throw new IllegalArgumentException("resourceId must be 1 to 64 letters, digits or dashes"
          + " (the backup server's registration id in the vault)");
    }
    return resourceId;
  }

  /**
   * A new RSA key pair and a self-signed SHA256withRSA certificate for it, valid from five minutes before now
   * ({@link #CLOCK_SKEW}) until now + {@code validity}.
   */
  public static IssuedCertificate generate(String resourceId, Duration validity, int rsaBits, Clock clock) {
    String subject = subjectFor(resourceId);
    Objects.requireNonNull(clock, "clock");
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be a positive duration");
    }
    if (rsaBits < MIN_RSA_BITS || rsaBits > MAX_RSA_BITS) {
      throw new IllegalArgumentException("rsaBits must be between " + MIN_RSA_BITS + " and " + MAX_RSA_BITS
          + " (Entra ID and current Windows refuse RSA keys under 2048 bits); got " + rsaBits);
    }
    // X.509 times have whole seconds; truncating here makes notAfter exactly now + validity
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(rsaBits, RANDOM);
      KeyPair pair = generator.generateKeyPair();
      X500Name name = name(subject.substring("CN=".length()));
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(CLOCK_SKEW)),
          Date.from(now.plus(validity)), name, pair.getPublic());
      // what the Windows certificate store and Entra ID expect of a client-authentication certificate
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate certificate = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
      return new IssuedCertificate(certificate, pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("could not create the offline seeding certificate: " + e.getMessage(), e);
    }
  }

  /**
   * The name built from its parts rather than parsed: BouncyCastle's parser enforces RFC 5280's 64-character bound on
   * a common name, which the 32-character prefix and a resource id of more than 32 characters (a GUID has 36) exceed.
   * Windows, Entra ID, the JDK and openssl all read such names; it is the name AzureOfflineBackupCertGen.exe gives.
   */
  private static X500Name name(String commonName) {
    return new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERUTF8String(commonName))});
  }

  /** A random positive 128-bit serial number (RFC 5280 allows up to 20 octets; CAs use at least 64 random bits). */
  static BigInteger serial() {
    byte[] bytes = new byte[16];
    BigInteger serial;
    do {
      RANDOM.nextBytes(bytes);
      serial = new BigInteger(1, bytes);
    } while (serial.signum() == 0);
    return serial;
  }
}
