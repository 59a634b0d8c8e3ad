package io.seedship.cert.preparation;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.cert.certificate.CertificatePolicy;
import io.seedship.cert.certificate.IssuedCertificate;
import io.seedship.cert.certificate.Pem;
import io.seedship.cert.certificate.Thumbprints;
import io.seedship.cert.keys.PrivateKeyVault;
import io.seedship.cert.persistence.BackupServerRepository;
import io.seedship.cert.persistence.BackupServerRow;
import io.seedship.cert.persistence.BackupServerStorage;
import io.seedship.cert.persistence.CertificateState;
import io.seedship.cert.persistence.OfflineApplicationRepository;
import io.seedship.cert.persistence.OfflineApplicationRow;
import io.seedship.cert.persistence.OfflineCertificateRepository;
import io.seedship.cert.persistence.OfflineCertificateRow;
import io.seedship.contracts.common.Cloud;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.AzureCloud;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.AzureNames;
import io.seedship.runtime.azure.graph.GraphApplication;
import io.seedship.runtime.azure.graph.GraphApplication.KeyCredential;
import io.seedship.runtime.azure.graph.GraphClient;
import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Prepare the server for offline backup", what AzureOfflineBackupCertGen.exe and the portal's manual steps do, made
 * idempotent: ensure the application {@code AzureOfflineBackup_<Azure user id>}, ensure a current certificate of ours
 * for the backup server is on it (keeping every other credential), prove it with a token, write the server's files.
 *
 * <p>Runs as durable work ({@code io.seedship.cert.work.PrepareServerWork}), inside the caller's database transaction
 * (never a Kafka one). Preparations of one application are serialized by a row lock on it, so two
 * seeds of one user never create two applications nor race on Graph's whole-collection PATCH of keyCredentials. A new
 * certificate and its sealed key are committed in a transaction of their own before Graph hears of them: a rollback
 * later cannot lose a key whose public half is registered.
 */
public class ServerPreparation {

  private static final Logger log = LoggerFactory.getLogger(ServerPreparation.class);
  private static final String DISPLAY_NAME_PREFIX = "AzureOfflineBackup_";

  private final AzureClients azure;
  private final OfflineApplicationRepository applications;
  private final OfflineCertificateRepository certificates;
  private final BackupServerRepository servers;
  private final BackupServerStorage serverStorage;
  private final PrivateKeyVault keys;
  private final ServerFilesWriter files;
  private final CertificatePolicy policy;
  private final Duration proveTimeout;
  private final String defaultAzureUserId;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final MeterRegistry meters;
  private final Clock clock;

  public ServerPreparation(AzureClients azure, OfflineApplicationRepository applications,
                           OfflineCertificateRepository certificates, BackupServerRepository servers,
                           BackupServerStorage serverStorage, PrivateKeyVault keys, ServerFilesWriter files,
                           CertificatePolicy policy, Duration proveTimeout, String defaultAzureUserId,
                           JdbcTemplate jdbc, PlatformTransactionManager transactions, MeterRegistry meters,
                           Clock clock) {
    this.azure = azure;
    this.applications = applications;
    this.certificates = certificates;
    this.servers = servers;
    this.serverStorage = serverStorage;
    this.keys = keys;
    this.files = files;
    this.policy = policy;
    this.proveTimeout = proveTimeout;
    this.defaultAzureUserId = defaultAzureUserId;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.meters = meters;
    this.clock = clock;
  }

  public PreparedServer prepare(PreparationRequest request) {
    String cloud = checkCloud(request.cloud());
    String tenant = checkTenant(request.tenantId());
    String serverName = serverName(request);
    String userId = azureUserId(request.azureUserId());
    OfflineApplicationRow application = lockApplication(cloud, tenant, userId);
    GraphApplication graphApp = ensureApplication(application);
    OfflineApplicationRow app = applications.update(application.withGraphIds(graphApp.appId(), graphApp.id(),
        clock.instant()));

    String resourceId = ResourceIds.of(request.subscriptionId(), serverName);
    OfflineCertificateRow current = currentCertificate(app.applicationKey(), resourceId)
        .orElseGet(() -> issue(app.applicationKey(), resourceId));
    ensureRegistered(graphApp, current, serverName);
    OfflineCertificateRow certificate = prove(tenant, graphApp, current);
    retireOlder(certificate);

    servers.findById(serverName).ifPresentOrElse(
        s -> servers.update(new BackupServerRow(serverName, app.applicationKey(), resourceId,
            request.subscriptionId(), clock.instant())),
        () -> servers.save(new BackupServerRow(serverName, app.applicationKey(), resourceId,
            request.subscriptionId(), clock.instant())));
    if (request.storageAccount() != null) {
      serverStorage.add(serverName, request.storageAccount(), request.resourceGroup());
    }
    List<java.nio.file.Path> written = files.write(serverName, app, servers.findById(serverName).orElseThrow(),
        certificate, serverStorage.of(serverName));
    return new PreparedServer(tenant, userId, app.displayName(), graphApp.appId(), graphApp.id(), certificate,
        serverName, written);
  }

  /**
   * Issues a new certificate for the same application and server as {@code thumbprint}, registers and proves it, and
   * rewrites the files of every server that used the old one. The old certificate stays on the application until it
   * expires, so a server still holding it keeps working until it imports the new one.
   */
  public List<PreparedServer> renew(String thumbprint) {
    OfflineCertificateRow old = certificates.findById(thumbprint)
        .orElseThrow(() -> new PreparationRefused("thumbprint", "no certificate of cert-service has thumbprint "
            + thumbprint));
    OfflineApplicationRow stored = applications.findById(old.applicationKey()).orElseThrow();
    OfflineApplicationRow application = lockApplication(stored.cloud(), stored.tenantId(), stored.azureUserId());
    GraphApplication graphApp = ensureApplication(application);
    OfflineCertificateRow issued = issue(application.applicationKey(), old.resourceId());
    ensureRegistered(graphApp, issued, null);
    OfflineCertificateRow renewed = prove(application.tenantId(), graphApp, issued);
    retireOlder(renewed);
    meters.counter("seedship.cert.certificates.renewed").increment();
    log.info("renewed certificate {} as {}", thumbprint, renewed.thumbprint());
    return servers.findByApplicationKeyAndResourceId(application.applicationKey(), old.resourceId()).stream()
        .map(server -> new PreparedServer(application.tenantId(), application.azureUserId(),
            application.displayName(), graphApp.appId(), graphApp.id(), renewed, server.serverName(),
            files.write(server.serverName(), application, server, renewed, serverStorage.of(server.serverName()))))
        .toList();
  }

  private String checkCloud(Cloud requested) {
    AzureCloud configured = azure.properties().getCloud();
    String name = configured.name();
    Cloud expected = configured.toContract();
    if (requested != null && requested != expected) {
      throw new PreparationRefused("cloud", "this cert-service signs in to cloud " + expected + ", not " + requested
          + ": send the seed to the Seedship of that cloud");
    }
    return name;
  }

  private String checkTenant(String requested) {
    String configured = azure.properties().getTenantId();
    if (requested != null && configured != null && !requested.equalsIgnoreCase(configured)) {
      throw new PreparationRefused("tenantId", "this cert-service signs in to tenant " + configured + ", not "
          + requested + ": send the seed to the Seedship of that tenant, or leave tenantId empty");
    }
    return requested != null ? requested.toLowerCase() : configured;
  }

  private static String serverName(PreparationRequest request) {
    String name = request.backupServer() == null || request.backupServer().isBlank()
        ? "subscription-" + request.subscriptionId().toLowerCase() : request.backupServer().trim();
    // intake checked it already (the same rule); a replayed old event may predate that check
    AzureNames.backupServer(name).ifPresent(problem -> {
      throw new PreparationRefused("backupServer", "backupServer '" + name + "': " + problem);
    });
    return name;
  }

  private String azureUserId(String requested) {
    String userId = requested;
    if (userId == null || userId.isBlank()) {
      userId = defaultAzureUserId;
    }
    if (userId == null || userId.isBlank()) {
      try {
        userId = azure.graph().signedInUserObjectId();
      } catch (AzureException e) {
        throw new PreparationRefused("azureUserId", "azureUserId is empty and cert-service signs in as an application, "
            + "not a user (" + e.code() + "): give the Azure user's object id in the seed request, or set "
            + "seedship.cert.default-azure-user-id");
      }
    }
    Optional<String> problem = AzureNames.userObjectId(userId);
    if (problem.isPresent()) {
      throw new PreparationRefused("azureUserId", problem.get());
    }
    return userId.toLowerCase();
  }

  /** Creates the application's row when absent, then locks it until the caller's transaction ends. */
  private OfflineApplicationRow lockApplication(String cloud, String tenant, String userId) {
    String key = OfflineApplicationRow.key(cloud, tenant, userId);
    jdbc.update("insert into offline_application (application_key, cloud, tenant_id, azure_user_id, display_name, "
        + "updated_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing", key, cloud, tenant, userId,
        DISPLAY_NAME_PREFIX + userId, java.sql.Timestamp.from(clock.instant()));
    jdbc.queryForObject("select application_key from offline_application where application_key = ? for update",
        String.class, key);
    return applications.findById(key).orElseThrow();
  }

  private GraphApplication ensureApplication(OfflineApplicationRow row) {
    GraphClient graph = azure.graph();
    if (row.objectId() != null) {
      try {
        return graph.get(row.objectId());
      } catch (AzureException.NotFound e) {
        log.warn("application {} ({}) was deleted in Entra ID; looking it up by name", row.displayName(),
            row.applicationId());
      }
    }
    Optional<GraphApplication> found = graph.findByDisplayName(row.displayName());
    if (found.isPresent()) {
      log.info("adopting existing application {} ({})", row.displayName(), found.get().appId());
      return graph.get(found.get().id());
    }
    GraphApplication created = graph.create(row.displayName());
    meters.counter("seedship.cert.applications.created").increment();
    log.info("created application {} ({})", row.displayName(), created.appId());
    return graph.get(created.id());
  }

  /** The newest certificate of ours for this server that is not due for renewal. */
  private Optional<OfflineCertificateRow> currentCertificate(String applicationKey, String resourceId) {
    Instant now = clock.instant();
    return certificates.findByApplicationKeyAndResourceIdOrderByNotAfterDesc(applicationKey, resourceId).stream()
        .filter(c -> c.state() != CertificateState.RENEWED)
        .filter(c -> !policy.needsRenewal(c.notAfter(), now))
        .findFirst();
  }

  private OfflineCertificateRow issue(String applicationKey, String resourceId) {
    IssuedCertificate issued = policy.issue(resourceId, clock);
    X509Certificate x509 = issued.certificate();
    String thumbprint = Thumbprints.of(x509);
    OfflineCertificateRow row;
    try {
      row = new OfflineCertificateRow(thumbprint, applicationKey, resourceId,
          x509.getSubjectX500Principal().getName(), x509.getEncoded(), x509.getNotBefore().toInstant(),
          x509.getNotAfter().toInstant(), CertificateState.ISSUED, clock.instant(), null);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode the new certificate " + thumbprint, e);
    }
    ownTransaction.executeWithoutResult(status -> {
      certificates.save(row);
      keys.put(thumbprint, issued.privateKey());
    });
    meters.counter("seedship.cert.certificates.issued").increment();
    log.info("issued certificate {} {} valid until {}", thumbprint, row.subject(), row.notAfter());
    return row;
  }

  private void ensureRegistered(GraphApplication app, OfflineCertificateRow certificate, String serverName) {
    boolean present = app.keyCredentials().stream().anyMatch(k -> certificate.thumbprint().equals(k.thumbprint()));
    if (present) {
      return;
    }
    try {
      azure.graph().addCertificate(app.id(), KeyCredential.certificate(certificate.subject().replace("CN=", ""),
          certificate.certificate(), java.util.HexFormat.of().parseHex(certificate.thumbprint()),
          OffsetDateTime.ofInstant(certificate.notBefore(), ZoneOffset.UTC),
          OffsetDateTime.ofInstant(certificate.notAfter(), ZoneOffset.UTC)));
      log.info("registered certificate {} on application {} ({}), keeping its {} other credential(s)",
          certificate.thumbprint(), app.displayName(), app.appId(), app.keyCredentials().size());
    } catch (AzureException.Unauthorized e) {
      if (e.status() != 403) {
        throw e;
      }
      java.nio.file.Path cer = files.writePublicCertificate(serverName, certificate);
      throw new PreparationRefused(null, "cert-service may not change application " + app.displayName() + " ("
          + app.appId() + "): Microsoft Graph answered 403 " + e.code() + ". Either make cert-service's identity an "
          + "owner of the application (or grant it Application.ReadWrite.All), or have an owner upload the "
          + "certificate " + cer + " (thumbprint " + certificate.thumbprint() + ") in the Azure portal: Microsoft "
          + "Entra ID > App registrations > " + app.displayName() + " > Certificates & secrets > Certificates > "
          + "Upload certificate. Then request the seed again; nothing else changed.");
    }
  }

  /** Asks Entra for a token with the certificate until it answers or the timeout passes (Entra replicates slowly). */
  private OfflineCertificateRow prove(String tenant, GraphApplication app, OfflineCertificateRow certificate) {
    PrivateKey key = keys.get(certificate.thumbprint()).orElseThrow(() -> new IllegalStateException(
        "the private key of certificate " + certificate.thumbprint() + " is missing from the key store"));
    X509Certificate x509 = x509(certificate);
    Instant deadline = clock.instant().plus(proveTimeout);
    Duration pause = Duration.ofMillis(500);
    while (true) {
      byte[] pem = Pem.of(x509, key);
      try {
        azure.proveCertificate(tenant, app.appId(), pem);
        break;
      } catch (AzureException.Unauthorized e) {
        if (clock.instant().plus(pause).isAfter(deadline)) {
          throw new IllegalStateException("Entra did not accept certificate " + certificate.thumbprint() + " of "
              + "application " + app.appId() + " within " + proveTimeout + ": " + e.getMessage(), e);
        }
        log.info("Entra does not accept certificate {} yet ({}); asking again in {}", certificate.thumbprint(),
            e.code(), pause);
        sleep(pause);
        pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(8)) > 0 ? Duration.ofSeconds(8)
            : pause.multipliedBy(2);
      } finally {
        Arrays.fill(pem, (byte) 0);
      }
    }
    if (certificate.state() == CertificateState.PROVEN) {
      return certificate;
    }
    return certificates.update(certificate.proven(clock.instant()));
  }

  private void retireOlder(OfflineCertificateRow current) {
    certificates.findByApplicationKeyAndResourceIdOrderByNotAfterDesc(current.applicationKey(), current.resourceId())
        .stream()
        .filter(c -> !c.thumbprint().equals(current.thumbprint()) && c.state() != CertificateState.RENEWED)
        .forEach(c -> certificates.update(c.renewed()));
  }

  public static X509Certificate x509(OfflineCertificateRow row) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(row.certificate()));
    } catch (CertificateException e) {
      throw new IllegalStateException("stored certificate " + row.thumbprint() + " does not parse", e);
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while proving a certificate", e);
    }
  }
}
