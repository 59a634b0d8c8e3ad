package io.seedship.cert.certificate;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * A certificate with its private key as a password-protected PKCS#12 (.pfx) file, for import into the backup server's
 * certificate store ({@code Import-PfxCertificate -CertStoreLocation Cert:\LocalMachine\My}).
 *
 * <p>The key bag is encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and the file is protected with an
 * HMAC-SHA256 MAC: the defaults of {@code openssl pkcs12} 3.x, which Windows 10 1709+ and Windows Server 2019+ import.
 * Older Windows (Server 2016 and before) only reads the legacy 3DES/RC2 + SHA-1 form: re-wrap the file there with
 * {@code openssl pkcs12 -in new.pfx -nodes | openssl pkcs12 -export -legacy -out old.pfx} on a trusted machine.
 *
 * <p>The certificate bag is left unencrypted (it is public). Both bags carry the friendly name and a local key id (the
 * certificate's SHA-1), which is how Windows and Java pair the key with its certificate.
 */
public final class Pkcs12 {

  public static final int MIN_PASSWORD_LENGTH = 12;
  /** PBKDF2 and MAC iterations: the JDK's default for PKCS#12; openssl uses 2048. */
  static final int ITERATIONS = 10_000;

  private Pkcs12() {}

  /**
   * The PKCS#12 encoding (DER). The caller keeps {@code password} and clears it after use.
   *
   * @throws IllegalArgumentException if the password has fewer than {@value #MIN_PASSWORD_LENGTH} characters or the
   *     friendly name is blank
   */
  public static byte[] export(X509Certificate certificate, PrivateKey privateKey, char[] password, String friendlyName) {
    if (password == null || password.length < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (friendlyName == null || friendlyName.isBlank()) {
      throw new IllegalArgumentException("friendlyName must not be blank");
    }
    if (certificate == null || privateKey == null) {
      throw new IllegalArgumentException("certificate and privateKey are required");
    }
    try {
      DERBMPString name = new DERBMPString(friendlyName);
      DEROctetString localKeyId = new DEROctetString(HexFormat.of().parseHex(Thumbprints.of(certificate)));

      PKCS12SafeBagBuilder certBag = new JcaPKCS12SafeBagBuilder(certificate);
      certBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, name);
      certBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

      PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(privateKey, keyEncryptor(password));
      keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, name);
      keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

      PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
      pfx.addData(certBag.build());
      pfx.addData(keyBag.build());
      // PKCS#12's own key derivation with SHA-256, then HMAC-SHA256: openssl's "MAC: sha256"
      BcPKCS12MacCalculatorBuilder mac = new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
          new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)).setIterationCount(ITERATIONS);
      return pfx.build(mac, password).getEncoded(ASN1Encoding.DER);
    } catch (OperatorCreationException | PKCSException | IOException e) {
      // these messages come from BouncyCastle and describe algorithms, never the password or the key
      throw new IllegalStateException("could not build the PKCS#12 file: " + e.getMessage(), e);
    }
  }

  private static OutputEncryptor keyEncryptor(char[] password) throws OperatorCreationException {
    // BouncyCastle's provider (an instance, not installed globally) because the JDK's AES-256-CBC by OID has no padding
    return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
        .setProvider(BouncyCastle.PROVIDER)
        .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
        .setIterationCount(ITERATIONS)
        .build(password);
  }

  /** Created on first use: building the provider takes a moment. */
  private static final class BouncyCastle {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }
}
