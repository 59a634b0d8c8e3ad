package io.seedship.cert.serverfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.cert.certificate.IssuedCertificate;
import io.seedship.cert.certificate.OfflineCertificates;
import io.seedship.cert.certificate.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerFilesTest {

  private static final List<StorageAccountRef> ACCOUNTS =
      List.of(new StorageAccountRef("seedstage01", "rg-seed"), new StorageAccountRef("seedstage02", "rg-seed-2"));
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

  @TempDir Path dir;

  private static IssuedCertificate issued() {
    return TestCertificates.issued();
  }

  private List<Path> write(OfflineApplicationParams params, List<StorageAccountRef> accounts) throws IOException {
    return ServerFiles.write(dir, params, accounts, issued().certificate());
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void writesTheFileSetUnderItsExactNames() throws Exception {
    List<Path> written = write(TestParams.base(), ACCOUNTS);

    assertThat(written).containsExactly(
        dir.resolve("OfflineApplicationParams.xml"),
        dir.resolve("OfflineApplicationParams_seedstage01.xml"),
        dir.resolve("OfflineApplicationParams_seedstage02.xml"),
        dir.resolve("AzureADAppCertThumbprint_" + TestParams.AZURE_USER + ".reg"),
        dir.resolve(issued().thumbprint() + ".cer"));
    assertThat(listing()).as("nothing else, no temp files").containsExactlyInAnyOrderElementsOf(written);
  }

  @Test
  void createsTheDirectory() throws Exception {
    Path nested = dir.resolve("out").resolve("server-1");
    ServerFiles.write(nested, TestParams.base(), List.of(), issued().certificate());
    assertThat(nested.resolve("OfflineApplicationParams.xml")).isRegularFile();
  }

  @Test
  void theXmlReadsBackAsTheParams() throws Exception {
    write(TestParams.base(), ACCOUNTS);
    assertThat(ServerFiles.readParams(dir.resolve("OfflineApplicationParams.xml"))).isEqualTo(TestParams.base());
    assertThat(ServerFiles.readParams(dir.resolve("OfflineApplicationParams_seedstage02.xml")))
        .isEqualTo(TestParams.base().forStorageAccount(ACCOUNTS.get(1)));
  }

  @Test
  void theXmlHasTheDocumentedShape() throws Exception {
    write(TestParams.base(), ACCOUNTS);
    String base = Files.readString(dir.resolve("OfflineApplicationParams.xml"), StandardCharsets.UTF_8);
    assertThat(base)
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<OfflineApplicationParams xmlns=\"urn:seedship:offline-application-params:1\" SchemaVersion=\"1\">\r\n"
            + "  <CloudName>AzureCloud</CloudName>\r\n"
            + "  <AuthorityHost>https://login.microsoftonline.com/</AuthorityHost>\r\n"
            + "  <TenantId>" + TestParams.TENANT + "</TenantId>\r\n")
        .contains("  <CertificateSubject>CN=CB_AzureADCertforOfflineSeeding_" + TestCertificates.RESOURCE_ID
            + "</CertificateSubject>\r\n")
        .contains("  <CertificateThumbprint>" + issued().thumbprint() + "</CertificateThumbprint>\r\n")
        .contains("  <NotAfter>" + issued().certificate().getNotAfter().toInstant() + "</NotAfter>\r\n")
        .endsWith("</NotAfter>\r\n</OfflineApplicationParams>\r\n")
        .doesNotContain("StorageAccount").doesNotContain("ResourceGroup");
    assertThat(base.replace("\r\n", "")).doesNotContain("\n");
    String perAccount = Files.readString(dir.resolve("OfflineApplicationParams_seedstage01.xml"));
    assertThat(perAccount).contains("  <StorageAccount>seedstage01</StorageAccount>\r\n"
        + "  <ResourceGroup>rg-seed</ResourceGroup>\r\n</OfflineApplicationParams>");
  }

  @Test
  void textIsEscaped() throws Exception {
    OfflineApplicationParams params = TestParams.with("displayName", "Backup & <restore> \"quoted\" é");
    write(params, List.of());
    Path file = dir.resolve("OfflineApplicationParams.xml");
    assertThat(Files.readString(file)).contains("<DisplayName>Backup &amp; &lt;restore&gt; \"quoted\" é</DisplayName>");
    assertThat(ServerFiles.readParams(file)).isEqualTo(params);
  }

  @Test
  void theRegFileIsUtf16LeWithABomAndCrlf() throws Exception {
    write(TestParams.base(), List.of());
    byte[] reg = Files.readAllBytes(dir.resolve("AzureADAppCertThumbprint_" + TestParams.AZURE_USER + ".reg"));

    assertThat(Arrays.copyOf(reg, 2)).containsExactly(0xFF, 0xFE);
    String text = new String(reg, 2, reg.length - 2, StandardCharsets.UTF_16LE);
    assertThat(text).isEqualTo("Windows Registry Editor Version 5.00\r\n"
        + "\r\n"
        + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Azure Backup\\Config\\CloudBackupProvider]\r\n"
        + "\"AzureADAppCertThumbprint_" + TestParams.AZURE_USER + "\"=\"" + issued().thumbprint() + "\"\r\n"
        + "\r\n");
  }

  @Test
  void theCerFileIsTheDerCertificate() throws Exception {
    write(TestParams.base(), List.of());
    byte[] cer = Files.readAllBytes(dir.resolve(issued().thumbprint() + ".cer"));
    assertThat(cer).isEqualTo(issued().certificate().getEncoded());
    assertThat(CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(cer)))
        .isEqualTo(issued().certificate());
  }

  @Test
  void rewritingTheSameParamsLeavesTheFilesUntouched() throws Exception {
    List<Path> first = write(TestParams.base(), ACCOUNTS);
    for (Path file : first) {
      Files.setLastModifiedTime(file, LONG_AGO);
    }
    List<Path> second = write(TestParams.base(), ACCOUNTS);

    assertThat(second).isEqualTo(first);
    for (Path file : second) {
      assertThat(Files.getLastModifiedTime(file)).as(file.getFileName().toString()).isEqualTo(LONG_AGO);
    }
    assertThat(listing()).containsExactlyInAnyOrderElementsOf(first);
  }

  @Test
  void changedContentIsReplacedAndOnlyThat() throws Exception {
    List<Path> first = write(TestParams.base(), ACCOUNTS);
    for (Path file : first) {
      Files.setLastModifiedTime(file, LONG_AGO);
    }
    OfflineApplicationParams renamed = TestParams.with("displayName", "AzureOfflineBackup_renamed");
    write(renamed, ACCOUNTS);

    assertThat(ServerFiles.readParams(first.get(0)).displayName()).isEqualTo("AzureOfflineBackup_renamed");
    assertThat(Files.getLastModifiedTime(first.get(0))).isNotEqualTo(LONG_AGO);
    assertThat(Files.getLastModifiedTime(first.get(3))).as(".reg unchanged").isEqualTo(LONG_AGO);
    assertThat(Files.getLastModifiedTime(first.get(4))).as(".cer unchanged").isEqualTo(LONG_AGO);
  }

  @Test
  void aBadStorageAccountNameWritesNothing() throws Exception {
    assertThatThrownBy(() -> write(TestParams.base(),
        List.of(new StorageAccountRef("seedstage01", "rg"), new StorageAccountRef("Seed_Stage", "rg"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("storageAccount: ").hasMessageContaining("3 to 24 characters, lowercase letters and digits");
    assertThat(listing()).isEmpty();
  }

  @Test
  void aRepeatedStorageAccountWritesNothing() throws Exception {
    assertThatThrownBy(() -> write(TestParams.base(), List.of(ACCOUNTS.get(0), ACCOUNTS.get(1), ACCOUNTS.get(0))))
        .hasMessage("storageAccounts lists storage account seedstage01 twice");
    assertThat(listing()).isEmpty();
  }

  @Test
  void paramsForAnotherCertificateWriteNothing() throws Exception {
    IssuedCertificate other = OfflineCertificates.generate(TestCertificates.RESOURCE_ID, Duration.ofDays(10), 2048,
        TestCertificates.CLOCK);
    assertThatThrownBy(() -> ServerFiles.write(dir, TestParams.base(), ACCOUNTS, other.certificate()))
        .hasMessage("params do not describe the certificate; these differ: thumbprint, notAfter");
    assertThat(listing()).isEmpty();
  }

  @Test
  void theBaseParamsHaveNoStorageAccount() throws Exception {
    OfflineApplicationParams perAccount = TestParams.base().forStorageAccount(ACCOUNTS.get(0));
    assertThatThrownBy(() -> write(perAccount, List.of()))
        .hasMessageStartingWith("params must be the base params (storageAccount null)");
    assertThat(listing()).isEmpty();
  }

  @Test
  void neverWritesAPrivateKey() throws Exception {
    // the private parts only: a PKCS#8 RSA key also holds the modulus, which the certificate holds too
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) issued().privateKey();
    List<byte[]> secrets = List.of(key.getPrivateExponent().toByteArray(), key.getPrimeP().toByteArray(),
        key.getPrimeQ().toByteArray());
    for (Path file : write(TestParams.base(), ACCOUNTS)) {
      String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(content).as(file.getFileName().toString()).doesNotContain("PRIVATE KEY");
      for (byte[] secret : secrets) {
        assertThat(content)
            .doesNotContain(new String(Arrays.copyOfRange(secret, 10, 42), StandardCharsets.ISO_8859_1))
            .doesNotContain(Base64.getEncoder().encodeToString(Arrays.copyOfRange(secret, 12, 42)))
            .doesNotContain(HexFormat.of().withUpperCase().formatHex(secret, 10, 30));
      }
    }
  }

  @Test
  void readParamsRefusesDtdsAndEntities() throws Exception {
    String valid = new String(Files.readAllBytes(write(TestParams.base(), List.of()).get(0)), StandardCharsets.UTF_8);
    String withEntity = valid.replace("<OfflineApplicationParams ",
            "<!DOCTYPE OfflineApplicationParams [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\r\n<OfflineApplicationParams ")
        .replace("<CloudName>AzureCloud</CloudName>", "<CloudName>&x;</CloudName>");
    String withDoctype = valid.replace("<OfflineApplicationParams ",
        "<!DOCTYPE OfflineApplicationParams>\r\n<OfflineApplicationParams ");
    for (String xml : List.of(withEntity, withDoctype)) {
      Path file = Files.writeString(dir.resolve("evil.xml"), xml);
      assertThatThrownBy(() -> ServerFiles.readParams(file))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith(file + ": not a valid OfflineApplicationParams file: ")
          .message().doesNotContain("root:");
    }
    assertThatThrownBy(() -> ServerFiles.readParams(Files.writeString(dir.resolve("d.xml"), withDoctype)))
        .hasMessageEndingWith("DTDs are not allowed in OfflineApplicationParams files");
  }

  @Test
  void readParamsNamesWhatIsWrong() throws Exception {
    String valid = new String(Files.readAllBytes(write(TestParams.base(), List.of()).get(0)), StandardCharsets.UTF_8);
    assertReadFails(valid.replace("SchemaVersion=\"1\"", "SchemaVersion=\"2\""), "SchemaVersion must be 1");
    assertReadFails(valid.replace("urn:seedship:offline-application-params:1", "urn:other"),
        "the root element must be OfflineApplicationParams in namespace urn:seedship:offline-application-params:1");
    assertReadFails(valid.replaceAll("\\s*<ObjectId>[^<]*</ObjectId>", ""), "element ObjectId is missing");
    assertReadFails(valid.replace("<CloudName>", "<Extra>x</Extra><CloudName>"), "unknown element Extra in OfflineApplicationParams");
    assertReadFails(valid.replace("<CloudName>AzureCloud</CloudName>",
        "<CloudName>AzureCloud</CloudName><CloudName>AzureCloud</CloudName>"), "element CloudName appears twice");
    assertReadFails(valid.replaceAll("<NotAfter>[^<]*</NotAfter>", "<NotAfter>tomorrow</NotAfter>"),
        "NotAfter must be an ISO-8601 UTC time like 2026-03-14T09:21:53Z");
    assertReadFails(valid.replaceAll("<AzureUserId>[^<]*</AzureUserId>", "<AzureUserId>me</AzureUserId>"),
        "azureUserId: 'me' is not a valid azureUserId: a azureUserId is a GUID, 8-4-4-4-12 hexadecimal digits such as 8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a11");
  }

  private void assertReadFails(String xml, String reason) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.xml"), xml);
    assertThatThrownBy(() -> ServerFiles.readParams(file))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ": not a valid OfflineApplicationParams file: " + reason);
  }
}
