package io.seedship.cert;

import io.seedship.cert.web.CertificatesController;
import io.seedship.contracts.cert.CertificateExported;
import io.seedship.runtime.security.SeedshipRole;
import io.seedship.runtime.secrets.KeyEncryptionKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.cert.serverfiles.ServerFiles;
import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.Cloud;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.common.ReturnShipping;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.common.WorkloadType;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.graph.GraphApplication;
import io.seedship.runtime.azure.graph.GraphApplication.KeyCredential;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.SecretScan;
import io.seedship.runtime.test.ServiceHttp;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TopicReader;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.security.auth.x500.X500Principal;
import org.apache.avro.specific.SpecificRecord;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * cert-service over a real KRaft broker, a real database and local-azure's Graph and Entra endpoints: what the issue
 * calls "prepare the server for offline backup". Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
abstract class CertServiceContract {

  static final Duration WAIT = Duration.ofSeconds(90);
  static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  static final String PFX_PASSWORD = "correct horse battery staple 7";

  final LocalAzure azure = TestLocalAzure.shared();
  ConfigurableApplicationContext service;
  SeedEventPublisher publisher;
  AzureClients clients;
  JdbcTemplate db;
  Path serverFiles;
  Path kekFile;
  /** Everything the service logged, as an operator's log shipper would collect it. */
  Path logFile;
  /** Every private key and password this class saw: none may appear in a Kafka record or a log line. */
  final List<String> secrets = Collections.synchronizedList(new ArrayList<>());

  abstract Map<String, Object> database(String name);

  @BeforeAll
  void start() throws Exception {
    Path home = Files.createTempDirectory("cert-service-test");
    serverFiles = home.resolve("server-files");
    kekFile = home.resolve("kek");
    Map<String, Object> props = new HashMap<>(azureSettings(azure));
    props.put("spring.config.name", CertServiceApplication.CONFIG_NAME);
    logFile = home.resolve("cert-service.log");
    props.put("logging.file.name", logFile.toString());
    props.put("seedship.cert.kek-file", kekFile.toString());
    props.put("seedship.cert.generate-kek-file", "true");
    props.put("seedship.cert.server-files-dir", serverFiles.toString());
    service = ServiceRunner.start(CertServiceApplication.class, "cert-service", database("cert-service"), props);
    publisher = KafkaTestBroker.publisher();
    clients = service.getBean(AzureClients.class);
    db = service.getBean(JdbcTemplate.class);
    String kek = Files.readString(kekFile).trim();
    secrets.add(kek.substring(kek.indexOf(':') + 1));
    secrets.add(PFX_PASSWORD);
    secrets.add(azure.properties().getApp().getClientSecret());
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  static Map<String, Object> azureSettings(LocalAzure azure) {
    return TestLocalAzure.serviceSettings(azure);
  }

  @Test
  @Order(1)
  void aNewApplicationGetsAProvenCertificateTheServerFilesAndAnExportablePkcs12() throws Exception {
    String user = UUID.randomUUID().toString();
    String seed = UUID.randomUUID().toString();
    publisher.publish(accepted(seed, user, "mars01", "seedstore01"));

    ApplicationReady ready = awaitOutcome(seed, ApplicationReady.class);
    assertThat(ready.getDisplayName()).isEqualTo("AzureOfflineBackup_" + user);
    assertThat(ready.getAzureUserId()).isEqualTo(user);
    assertThat(ready.getTenantId()).isEqualTo(azure.properties().getTenantId());
    assertThat(ready.getCertificateSubject()).startsWith("CN=CB_AzureADCertforOfflineSeeding_");
    assertThat(ready.getCertificateThumbprint()).matches("[0-9A-F]{40}");
    assertThat(ready.getCertificateNotAfter()).isAfter(Instant.now().plus(Duration.ofDays(700)));

    GraphApplication app = clients.graph().get(ready.getObjectId());
    assertThat(app.appId()).isEqualTo(ready.getApplicationId());
    assertThat(app.keyCredentials()).extracting(KeyCredential::thumbprint)
        .containsExactly(ready.getCertificateThumbprint());

    Path dir = serverFiles.resolve("mars01");
    assertThat(dir.resolve("OfflineApplicationParams.xml")).exists();
    assertThat(dir.resolve("OfflineApplicationParams_seedstore01.xml")).exists();
    assertThat(dir.resolve("AzureADAppCertThumbprint_" + user + ".reg")).exists();
    String reg = new String(Files.readAllBytes(dir.resolve("AzureADAppCertThumbprint_" + user + ".reg")),
        StandardCharsets.UTF_16LE);
    assertThat(reg).contains("\"AzureADAppCertThumbprint_" + user + "\"=\"" + ready.getCertificateThumbprint() + "\"");
    var params = ServerFiles.readParams(dir.resolve("OfflineApplicationParams_seedstore01.xml"));
    assertThat(params.applicationId()).isEqualTo(ready.getApplicationId());
    assertThat(params.thumbprint()).isEqualTo(ready.getCertificateThumbprint());
    assertThat(params.storageAccount()).isEqualTo("seedstore01");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".pfx") || name.endsWith(".key") || name.endsWith(".pem"));
    }

    // the export command: a PKCS#12 that opens with its password and holds the registered certificate and its key
    HttpResponse<byte[]> export = exportPkcs12(ready.getCertificateThumbprint(), PFX_PASSWORD);
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("content-type")).contains("application/x-pkcs12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(new ByteArrayInputStream(export.body()), PFX_PASSWORD.toCharArray());
    String alias = store.aliases().nextElement();
    X509Certificate x509 = (X509Certificate) store.getCertificate(alias);
    PrivateKey key = (PrivateKey) store.getKey(alias, PFX_PASSWORD.toCharArray());
    assertThat(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(x509.getEncoded())))
        .isEqualTo(ready.getCertificateThumbprint());
    secrets.add(Base64.getEncoder().encodeToString(key.getEncoded()));
    secrets.add(Base64.getEncoder().encodeToString(export.body()));

    // the backup server signs in with what it was handed: Entra gives a token for the exported key and certificate
    assertThat(clients.proveCertificate(ready.getTenantId(), ready.getApplicationId(), pem(x509, key)))
        .isAfter(OffsetDateTime.now());

    assertThat(exportPkcs12(ready.getCertificateThumbprint(), "short").statusCode()).isEqualTo(400);
    assertThat(exportPkcs12("00" + ready.getCertificateThumbprint().substring(2), PFX_PASSWORD).statusCode())
        .isIn(404);

    // one audit for the one export that handed a key out, naming the caller and the server, never the secret
    String auditKey = CertificatesController.AUDIT_KEY_PREFIX + ready.getCertificateThumbprint();
    List<CertificateExported> audits = TopicReader.events(KafkaTestBroker.client(), auditKey,
        CertificateExported.class, Duration.ofSeconds(5));
    assertThat(audits).hasSize(1);
    assertThat(audits.getFirst().getExportedBy()).isEqualTo("app:" + TestLocalAzure.SEEDSHIP_TEST_CLIENT_ID);
    assertThat(audits.getFirst().getBackupServers()).containsExactly("mars01");
    assertThat(audits.getFirst().toString()).doesNotContain(PFX_PASSWORD);

    // an operator may request seeds but not take a private key away
    HttpResponse<byte[]> asOperator = ServiceHttp.operator(service, azure).postForBytes("/api/certificates/"
        + ready.getCertificateThumbprint() + "/export", "{\"password\":\"" + PFX_PASSWORD + "\"}");
    assertThat(asOperator.statusCode()).isEqualTo(403);
    assertThat(new String(asOperator.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("Seedship.KeyCustodian").doesNotContain(PFX_PASSWORD);
  }

  @Test
  @Order(2)
  void anExistingApplicationKeepsItsForeignCredentialAndGainsOurs() throws Exception {
    String user = UUID.randomUUID().toString();
    GraphApplication existing = clients.graph().create("AzureOfflineBackup_" + user);
    SelfSigned foreign = SelfSigned.make("CN=someone else's certificate");
    clients.graph().addCertificate(existing.id(), foreign.credential());

    String seed = UUID.randomUUID().toString();
    publisher.publish(accepted(seed, user, "dpm02", "seedstore02"));
    ApplicationReady ready = awaitOutcome(seed, ApplicationReady.class);

    assertThat(ready.getObjectId()).isEqualTo(existing.id());
    assertThat(clients.graph().get(existing.id()).keyCredentials()).extracting(KeyCredential::thumbprint)
        .containsExactlyInAnyOrder(foreign.thumbprint(), ready.getCertificateThumbprint());
    assertThat(clients.graph().findByDisplayName("AzureOfflineBackup_" + user)).map(GraphApplication::id)
        .contains(existing.id());
  }

  @Test
  @Order(3)
  void aReplayedOrRepeatedRequestRegistersOneApplicationAndOneCertificate() throws Exception {
    String user = UUID.randomUUID().toString();
    String seed = UUID.randomUUID().toString();
    SeedAccepted first = accepted(seed, user, "mabs03", "seedstore03");
    publisher.publish(first);
    ApplicationReady ready = awaitOutcome(seed, ApplicationReady.class);

    publisher.publish(first); // the same event again: a replay
    String again = UUID.randomUUID().toString();
    publisher.publish(accepted(again, user, "mabs03", "seedstore03")); // another seed of the same server
    ApplicationReady second = awaitOutcome(again, ApplicationReady.class);

    assertThat(second.getCertificateThumbprint()).isEqualTo(ready.getCertificateThumbprint());
    assertThat(second.getObjectId()).isEqualTo(ready.getObjectId());
    assertThat(clients.graph().get(ready.getObjectId()).keyCredentials()).hasSize(1);
    assertThat(db.queryForObject("select count(*) from offline_application where azure_user_id = ?", Integer.class,
        user)).isEqualTo(1);
    assertThat(db.queryForObject("select count(*) from offline_certificate c join offline_application a "
        + "on a.application_key = c.application_key where a.azure_user_id = ?", Integer.class, user)).isEqualTo(1);
    List<ApplicationReady> readies = TopicReader.events(KafkaTestBroker.client(), seed,
        ApplicationReady.class, Duration.ofSeconds(3));
    assertThat(readies).as("the replay emitted nothing").hasSize(1);
  }

  @Test
  @Order(4)
  void anApplicationCertServiceMayNotChangeFailsTheSeedWithWhatToDo() throws Exception {
    String user = UUID.randomUUID().toString();
    GraphApplication existing = clients.graph().create("AzureOfflineBackup_" + user);
    SelfSigned foreign = SelfSigned.make("CN=owner's certificate");
    clients.graph().addCertificate(existing.id(), foreign.credential());
    var locked = new ArmHttp(azure, TestLocalAzure.adminToken(azure)).put("local-azure/graph/applications/"
        + existing.id() + "/protected", "");
    assertThat(locked.status()).isEqualTo(200);

    String seed = UUID.randomUUID().toString();
    publisher.publish(accepted(seed, user, "mars04", "seedstore04"));
    SeedFailed failed = awaitOutcome(seed, SeedFailed.class);

    assertThat(failed.getStage()).isEqualTo(SeedStage.CERTIFICATE);
    assertThat(failed.getReason()).contains("403").contains("Upload certificate").contains(".cer")
        .contains("owner");
    assertThat(clients.graph().get(existing.id()).keyCredentials()).extracting(KeyCredential::thumbprint)
        .containsExactly(foreign.thumbprint());
    try (var files = Files.list(serverFiles.resolve("mars04"))) {
      assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().endsWith(".cer");
    }
  }

  @Test
  @Order(5)
  void aCertificateIsRenewedOnCommandAndTheOldOneStaysUntilItExpires() throws Exception {
    String user = UUID.randomUUID().toString();
    String seed = UUID.randomUUID().toString();
    publisher.publish(accepted(seed, user, "mars05", "seedstore05"));
    ApplicationReady ready = awaitOutcome(seed, ApplicationReady.class);

    HttpResponse<String> renewed = post("/api/certificates/" + ready.getCertificateThumbprint() + "/renew", "");
    assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
    String newThumbprint = db.queryForObject("select thumbprint from offline_certificate where state = 'PROVEN' "
        + "and application_key like ?", String.class, "%" + user);
    assertThat(newThumbprint).isNotEqualTo(ready.getCertificateThumbprint());
    assertThat(renewed.body()).contains(newThumbprint);
    assertThat(clients.graph().get(ready.getObjectId()).keyCredentials()).extracting(KeyCredential::thumbprint)
        .containsExactlyInAnyOrder(ready.getCertificateThumbprint(), newThumbprint);
    assertThat(ServerFiles.readParams(serverFiles.resolve("mars05").resolve("OfflineApplicationParams.xml"))
        .thumbprint()).isEqualTo(newThumbprint);

    // the next seed of that server gets the renewed certificate
    String next = UUID.randomUUID().toString();
    publisher.publish(accepted(next, user, "mars05", "seedstore05"));
    assertThat(awaitOutcome(next, ApplicationReady.class).getCertificateThumbprint()).isEqualTo(newThumbprint);
    assertThat(get("/api/certificates").body()).contains(newThumbprint).contains("\"needsRenewal\":false");
  }

  @Test
  @Order(6)
  void privateKeysRestSealedUnderTheKeyEncryptionKey() {
    List<byte[]> sealed = db.query("select sealed from private_key", (rs, i) -> rs.getBytes(1));
    assertThat(sealed).isNotEmpty();
    for (String secret : List.copyOf(secrets)) {
      byte[] plain = secret.getBytes(StandardCharsets.ISO_8859_1);
      sealed.forEach(s -> assertThat(indexOf(s, plain)).isNegative());
    }
    // the sealed keys open only with the key-encryption key: the PKCS#8 header of an RSA key is not there
    byte[] pkcs8Header = HexFormat.of().parseHex("020100300d06092a864886f70d010101");
    sealed.forEach(s -> assertThat(indexOf(s, pkcs8Header)).isNegative());
  }

  /**
   * Graph answers 429 with Retry-After: 120 (local-azure's fault injection, the real SDK and retry policy): the
   * preparation is re-queued for Azure's delay, holding no thread and no Kafka transaction, while other seeds go on.
   */
  @Test
  @Order(7)
  void graphThrottlingForTwoMinutesRequeuesTheSeedWhileOthersFlow() throws Exception {
    ArmHttp admin = new ArmHttp(azure, TestLocalAzure.adminToken(azure));
    String throttled = UUID.randomUUID().toString();
    String workId;
    try {
      assertThat(admin.put("local-azure/faults", "{\"throttleFraction\": 1.0, \"retryAfter\": \"PT120S\"}")
          .status()).isEqualTo(200);
      SeedAccepted accepted = accepted(throttled, UUID.randomUUID().toString(), "slow01", "seedstore07");
      workId = io.seedship.runtime.work.WorkQueue.workId(accepted.getMetadata().getEventId(),
          io.seedship.cert.work.PrepareServerWork.KIND);
      publisher.publish(accepted);
      Instant deadline = Instant.now().plus(WAIT);
      while (db.queryForList("select last_error from stage_work where work_id = ? and state = 'PENDING' "
          + "and last_error like 'throttled%'", String.class, workId).isEmpty()) {
        assertThat(Instant.now()).as("the throttled preparation is re-queued").isBefore(deadline);
        Thread.sleep(200);
      }
    } finally {
      assertThat(admin.put("local-azure/faults", "{\"throttleFraction\": 0.0}").status()).isEqualTo(200);
    }
    Instant notBefore = db.queryForObject("select not_before from stage_work where work_id = ?",
        (rs, i) -> rs.getTimestamp(1).toInstant(), workId);
    assertThat(notBefore).isAfter(Instant.now().plusSeconds(90));

    String next = UUID.randomUUID().toString();
    publisher.publish(accepted(next, UUID.randomUUID().toString(), "quick01", "seedstore08"));
    awaitOutcome(next, ApplicationReady.class);

    try (var kafka = org.apache.kafka.clients.admin.Admin.create(KafkaTestBroker.client())) {
      assertThat(kafka.listTransactions().all().get()).filteredOn(t -> t.transactionalId().startsWith("cert-service-"))
          .noneMatch(t -> t.state() == org.apache.kafka.clients.admin.TransactionState.ONGOING);
    }
    assertThat(TopicReader.events(KafkaTestBroker.client(), throttled, ApplicationReady.class,
        Duration.ofSeconds(1))).isEmpty();
    assertThat(db.queryForObject("select state from stage_work where work_id = ?", String.class, workId))
        .isEqualTo("PENDING");
  }

  @Test
  @Order(100)
  void noPrivateKeyOrPasswordReachedKafkaOrALogLine(CapturedOutput output) throws Exception {
    assertThat(secrets).hasSizeGreaterThan(4);
    SecretScan scan = SecretScan.read(KafkaTestBroker.client(), logFile, output.getAll())
        .assertNoneOf(List.copyOf(secrets)).assertNoneOf(List.of("PRIVATE KEY"));
    assertThat(scan.log()).contains("registered certificate").contains("exported certificate");
  }

  // ---------------------------------------------------------------------------------------------------------------

  SeedAccepted accepted(String seedId, String azureUserId, String server, String storageAccount) {
    SeedRequest request = SeedRequest.newBuilder()
        .setStagingLocation("/staging").setPublishSettingsFile("/staging/subscription.publishsettings")
        .setImportJobName("job-" + seedId.substring(0, 8)).setSubscriptionId(SUBSCRIPTION)
        .setResourceGroup("seedship-rg").setStorageAccount(storageAccount).setContainer("seeds")
        .setCloud(Cloud.LOCAL).setTenantId(null).setAzureUserId(azureUserId).setLocation(null)
        .setWorkloadType(WorkloadType.MARS_FILES_AND_FOLDERS).setSourcePath("/data").setBackupServer(server)
        .setReturnAddress(PostalAddress.newBuilder().setRecipientName("Ops").setStreetAddress1("1 Main St")
            .setCity("Redmond").setStateOrProvince("WA").setPostalCode("98052").setCountryOrRegion("US")
            .setPhone("+1 425 555 0100").setEmail("ops@example.com").build())
        .setReturnShipping(ReturnShipping.newBuilder().setCarrierName("FedEx").setCarrierAccountNumber("123456789")
            .build())
        .setCopyMachine("copy-01").build();
    String eventId = UUID.randomUUID().toString();
    return SeedAccepted.newBuilder()
        .setMetadata(EventMetadata.newBuilder().setEventId(eventId).setSeedId(seedId)
            .setOccurredAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
            .setProducer("staging-service").setCorrelationId(eventId).setCausationId(null).build())
        .setRequest(request).setEstimatedStagedBytes(1 << 20).build();
  }

  <T extends SpecificRecord> T awaitOutcome(String seedId, Class<T> type) {
    return TopicReader.awaitEvent(KafkaTestBroker.client(), seedId, type, WAIT);
  }

  HttpResponse<byte[]> exportPkcs12(String thumbprint, String password) throws Exception {
    return ServiceHttp.as(service, azure, SeedshipRole.KEY_CUSTODIAN).postForBytes("/api/certificates/" + thumbprint + "/export",
        "{\"password\":\"" + password + "\"}");
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return ServiceHttp.operator(service, azure).post(path, json);
  }

  HttpResponse<String> get(String path) throws Exception {
    return ServiceHttp.as(service, azure, SeedshipRole.READER).get(path);
  }

  static byte[] pem(X509Certificate certificate, PrivateKey key) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
      writer.writeObject(certificate);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Someone else's certificate, as an administrator would have uploaded it in the portal. */
  record SelfSigned(X509Certificate x509) {

    static SelfSigned make(String subject) throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Principal name = new X500Principal(subject);
      return new SelfSigned(new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
          name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()))));
    }

    KeyCredential credential() throws Exception {
      return KeyCredential.certificate("someone", x509.getEncoded(),
          MessageDigest.getInstance("SHA-1").digest(x509.getEncoded()),
          OffsetDateTime.ofInstant(x509.getNotBefore().toInstant(), ZoneOffset.UTC),
          OffsetDateTime.ofInstant(x509.getNotAfter().toInstant(), ZoneOffset.UTC));
    }

    String thumbprint() throws Exception {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(x509.getEncoded()));
    }
  }
}
