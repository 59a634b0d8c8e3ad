package io.seedship.runtime.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The identities of a Kafka broker run with mutual TLS, made on its first start and kept in one directory (mode 700,
 * every file mode 600): a CA ({@code ca.p12}, its key and certificate; {@code truststore.p12} and {@code ca.pem}, the
 * certificate alone), the broker's key store ({@code broker.p12}), and one client key store per principal
 * ({@code <principal>.p12}), each certificate's CN being its principal. Every store has its own random password, kept
 * in {@code passwords.properties}; later starts reuse all of it, and issue a store only for a principal that has none
 * yet. The principals named in {@link #PEM_PRINCIPALS} also get PEM copies ({@code <principal>.pem},
 * {@code <principal>-key.pem}) for clients that are not Java.
 *
 * <p>Passwords are handed to the broker and to clients as configuration ({@link #brokerProperties()},
 * {@link #clientProperties(String)}) and never appear in a message of this class.
 */
public final class BrokerCredentials {

  public static final String BROKER = "broker";
  public static final String ADMIN = "admin";
  public static final String SUBSCRIBER = "subscriber";
  public static final String SRE = "sre";
  /** Principals whose certificate and key are also written as PEM files (non-Java clients). */
  public static final Set<String> PEM_PRINCIPALS = Set.of(SUBSCRIBER);
  /** The broker maps a client certificate's subject to its principal: the CN. */
  public static final String PRINCIPAL_MAPPING_RULES = "RULE:^CN=([^,]+).*$/$1/,DEFAULT";

  /** The broker's hostname on docker-compose.yml's network, in its certificate beside localhost. */
  public static final String COMPOSE_HOSTNAME = "kafka";
  static final String CA = "ca";
  static final String TRUST_STORE = "truststore";
  static final String PASSWORDS = "passwords.properties";
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final Properties passwords;

  private BrokerCredentials(Path dir, Properties passwords) {
    this.dir = dir;
    this.passwords = passwords;
  }

  /**
   * The credentials in {@code dir}, made first where absent: the CA, the trust store, the broker's store and one
   * store for each of {@code principals} (the broker's own is always there).
   */
  public static synchronized BrokerCredentials ensure(Path dir, Collection<String> principals) {
    try {
      dir = dir.toAbsolutePath();
      Files.createDirectories(dir);
      restrict(dir, OWNER_ONLY_DIRECTORY);
      Properties passwords = new Properties();
      Path passwordFile = dir.resolve(PASSWORDS);
      if (Files.exists(passwordFile)) {
        try (InputStream in = Files.newInputStream(passwordFile)) {
          passwords.load(in);
        }
        restrict(passwordFile, OWNER_ONLY_FILE);
      }
      BrokerCredentials credentials = new BrokerCredentials(dir, passwords);
      credentials.complete(principals);
      return credentials;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the broker's credentials in " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the broker's credentials in " + dir + ": " + e.getClass().getName(),
          e);
    }
  }

  public Path directory() {
    return dir;
  }

  /** The PKCS12 key store of a principal (its key and certificate, with the CA's certificate). */
  public Path keyStore(String principal) {
    return dir.resolve(principal + ".p12");
  }

  /** The PKCS12 trust store holding the CA's certificate alone. */
  public Path trustStore() {
    return dir.resolve(TRUST_STORE + ".p12");
  }

  public Path caCertificatePem() {
    return dir.resolve("ca.pem");
  }

  /** A principal's certificate as PEM (only for {@link #PEM_PRINCIPALS}). */
  public Path certificatePem(String principal) {
    return dir.resolve(principal + ".pem");
  }

  /** A principal's private key as unencrypted PKCS#8 PEM, mode 600 (only for {@link #PEM_PRINCIPALS}). */
  public Path privateKeyPem(String principal) {
    return dir.resolve(principal + "-key.pem");
  }

  /** Every principal that has a key store here, the broker included. */
  public Set<String> principals() {
    Set<String> principals = new LinkedHashSet<>();
    passwords.stringPropertyNames().stream().filter(n -> !n.equals(CA) && !n.equals(TRUST_STORE)).sorted()
        .forEach(principals::add);
    return principals;
  }

  /** The SHA-256 fingerprint of the CA's certificate (hex): the same on every start from the same directory. */
  public String caFingerprint() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(caCertificate().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the CA's certificate in " + dir, e);
    }
  }

  public X509Certificate caCertificate() {
    try {
      return (X509Certificate) load(CA, dir.resolve(CA + ".p12")).getCertificate(CA);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the CA's certificate in " + dir, e);
    }
  }

  /** The broker's key store and the CA as trust (server.properties names); the rest is {@link SingleBroker#SECURITY}. */
  public Map<String, String> brokerProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", keyStore(BROKER).toString());
    p.put("ssl.keystore.password", password(BROKER));
    p.put("ssl.key.password", password(BROKER));
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.truststore.location", trustStore().toString());
    p.put("ssl.truststore.password", password(TRUST_STORE));
    return p;
  }

  /** Kafka client settings (producer, consumer, admin) to connect as {@code principal} over mutual TLS. */
  public Map<String, Object> clientProperties(String principal) {
    requirePrincipal(principal);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("security.protocol", "SSL");
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", keyStore(principal).toString());
    p.put("ssl.keystore.password", password(principal));
    p.put("ssl.key.password", password(principal));
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.truststore.location", trustStore().toString());
    p.put("ssl.truststore.password", password(TRUST_STORE));
    return p;
  }

  /**
   * The same as Spring Boot properties ({@code spring.kafka.*}): a service started with them connects as
   * {@code principal} with every client Spring makes (Spring Cloud Stream's Kafka binder, KafkaAdmin, the runtime's
   * health check).
   */
  public Map<String, String> springProperties(String principal) {
    requirePrincipal(principal);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("spring.kafka.security.protocol", "SSL");
    p.put("spring.kafka.ssl.key-store-type", "PKCS12");
    p.put("spring.kafka.ssl.key-store-location", keyStore(principal).toUri().toString());
    p.put("spring.kafka.ssl.key-store-password", password(principal));
    p.put("spring.kafka.ssl.key-password", password(principal));
    p.put("spring.kafka.ssl.trust-store-type", "PKCS12");
    p.put("spring.kafka.ssl.trust-store-location", trustStore().toUri().toString());
    p.put("spring.kafka.ssl.trust-store-password", password(TRUST_STORE));
    return p;
  }

  /**
   * A copy for a place that must not hold the CA's key: the trust store, {@code ca.pem} and the stores (with PEM
   * copies) of {@code principals} alone, in {@code target} (mode 700, files 600, its own {@code passwords.properties}
   * with only their passwords). Files already there are replaced.
   */
  public BrokerCredentials subset(Path target, Collection<String> principals) {
    principals.forEach(this::requirePrincipal);
    try {
      target = target.toAbsolutePath();
      Files.createDirectories(target);
      restrict(target, OWNER_ONLY_DIRECTORY);
      Properties kept = new Properties();
      kept.setProperty(TRUST_STORE, password(TRUST_STORE));
      copy(trustStore(), target);
      copy(caCertificatePem(), target);
      for (String principal : principals) {
        kept.setProperty(principal, password(principal));
        copy(keyStore(principal), target);
        if (PEM_PRINCIPALS.contains(principal)) {
          copy(certificatePem(principal), target);
          copy(privateKeyPem(principal), target);
        }
      }
      BrokerCredentials copy = new BrokerCredentials(target, kept);
      copy.savePasswords();
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the broker's credentials to " + target, e);
    }
  }

  /** The password of {@code principal}'s key store (for files in the formats of other tools; never logged). */
  String storePassword(String principal) {
    requirePrincipal(principal);
    return password(principal);
  }

  String trustStorePassword() {
    return password(TRUST_STORE);
  }

  private static void copy(Path file, Path targetDirectory) throws IOException {
    write(targetDirectory.resolve(file.getFileName().toString()), Files.readAllBytes(file));
  }

  @Override
  public String toString() {
    return "BrokerCredentials[" + dir + ", principals " + principals() + "]";
  }

  private void requirePrincipal(String principal) {
    if (!passwords.containsKey(principal) || principal.equals(CA) || principal.equals(TRUST_STORE)) {
      throw new IllegalArgumentException("no credentials for principal '" + principal + "' in " + dir);
    }
  }

  private String password(String store) {
    String password = passwords.getProperty(store);
    if (password == null) {
      throw new IllegalStateException("no password kept for " + store + " in " + dir.resolve(PASSWORDS));
    }
    return password;
  }

  private void complete(Collection<String> principals) throws IOException, GeneralSecurityException,
      OperatorCreationException {
    Path caStore = dir.resolve(CA + ".p12");
    if (!Files.exists(caStore) || !passwords.containsKey(CA)) {
      // a new CA: every store issued by an earlier one is of no use, so all are made again
      passwords.clear();
      makeCa();
    }
    KeyStore ca = load(CA, caStore);
    PrivateKey caKey = (PrivateKey) ca.getKey(CA, password(CA).toCharArray());
    X509Certificate caCertificate = (X509Certificate) ca.getCertificate(CA);
    Set<String> wanted = new LinkedHashSet<>();
    wanted.add(BROKER);
    wanted.addAll(principals);
    for (String principal : wanted) {
      if (!principal.matches("[a-z][a-z0-9-]*")) {
        throw new IllegalArgumentException("a principal is lowercase letters, digits and '-': '" + principal + "'");
      }
      if (!Files.exists(keyStore(principal)) || !passwords.containsKey(principal)) {
        issue(principal, caKey, caCertificate);
      }
      if (PEM_PRINCIPALS.contains(principal) && !Files.exists(privateKeyPem(principal))) {
        KeyStore store = load(principal, keyStore(principal));
        write(certificatePem(principal), pem(store.getCertificate(principal)));
        write(privateKeyPem(principal), pem(new JcaPKCS8Generator(
            (PrivateKey) store.getKey(principal, password(principal).toCharArray()), null)));
      }
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        restrict(file, OWNER_ONLY_FILE);
      }
    }
  }

  private void makeCa() throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPair keys = keyPair();
    X500Principal subject = new X500Principal("CN=Seedship local Kafka CA, O=Seedship");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
        keys.getPublic());
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
    X509Certificate certificate = sign(builder, keys.getPrivate());

    String caPassword = newPassword();
    String trustPassword = newPassword();
    KeyStore caStore = emptyStore();
    caStore.setKeyEntry(CA, keys.getPrivate(), caPassword.toCharArray(), new Certificate[] {certificate});
    KeyStore trust = emptyStore();
    trust.setCertificateEntry(CA, certificate);
    // passwords first: a store on disk always has its password kept
    passwords.setProperty(CA, caPassword);
    passwords.setProperty(TRUST_STORE, trustPassword);
    savePasswords();
    write(caCertificatePem(), pem(certificate));
    write(trustStore(), bytes(trust, trustPassword));
    write(dir.resolve(CA + ".p12"), bytes(caStore, caPassword));
  }

  private void issue(String principal, PrivateKey caKey, X509Certificate caCertificate)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPair keys = keyPair();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))),
        new X500Principal("CN=" + principal + ", O=Seedship"), keys.getPublic());
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    builder.addExtension(Extension.authorityKeyIdentifier, false,
        extensions.createAuthorityKeyIdentifier(caCertificate));
    if (principal.equals(BROKER)) {
      // the broker serves TLS on 127.0.0.1 and as docker-compose.yml's kafka (clients check the name), and is a client
      // of its own controller listener
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.dNSName, COMPOSE_HOSTNAME)}));
    } else {
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    }
    X509Certificate certificate = sign(builder, caKey);
    String password = newPassword();
    KeyStore store = emptyStore();
    store.setKeyEntry(principal, keys.getPrivate(), password.toCharArray(),
        new Certificate[] {certificate, caCertificate});
    passwords.setProperty(principal, password);
    savePasswords();
    write(keyStore(principal), bytes(store, password));
    if (PEM_PRINCIPALS.contains(principal)) {
      write(certificatePem(principal), pem(certificate));
      write(privateKeyPem(principal), pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
    }
  }

  private KeyStore load(String name, Path file) throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password(name).toCharArray());
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void savePasswords() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    passwords.store(out, "passwords of the key stores in this directory; keep this file mode 600");
    write(dir.resolve(PASSWORDS), out.toByteArray());
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM);
  }

  private static String newPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return store;
  }

  private static byte[] bytes(KeyStore store, String password) throws IOException, GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, password.toCharArray());
    return out.toByteArray();
  }

  private static byte[] pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object instanceof JcaPKCS8Generator g ? g.generate() : object);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Written to a mode-600 file beside the target, then moved over it: never readable by others, never half written. */
  static void write(Path target, byte[] bytes) throws IOException {
    Path temp = posix()
        ? Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
        : Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      out.write(bytes);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (posix()) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** The principals of the catalog: the admin, each service, the outside subscriber, the SRE tools. */
  public static List<String> catalogPrincipals() {
    List<String> principals = new java.util.ArrayList<>();
    principals.add(ADMIN);
    BrokerAcls.SERVICES.forEach(s -> principals.add(s.principal()));
    principals.add(SUBSCRIBER);
    principals.add(SRE);
    return principals;
  }
}
