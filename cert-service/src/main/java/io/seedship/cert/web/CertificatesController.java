package io.seedship.cert.web;

import io.seedship.cert.persistence.BackupServerRepository;
import io.seedship.cert.persistence.BackupServerRow;
import io.seedship.contracts.cert.CertificateExported;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.security.Caller;
import io.seedship.runtime.security.ForKeyCustodians;
import io.seedship.runtime.security.ForOperators;
import io.seedship.runtime.security.ForReaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.cert.certificate.CertificatePolicy;
import io.seedship.cert.certificate.Pkcs12;
import io.seedship.cert.keys.PrivateKeyVault;
import io.seedship.cert.persistence.OfflineCertificateRepository;
import io.seedship.cert.persistence.OfflineCertificateRow;
import io.seedship.cert.preparation.PreparationRefused;
import io.seedship.cert.preparation.PreparedServer;
import io.seedship.cert.preparation.ServerPreparation;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's handle on certificates: list them with their expiry, renew one, and export one with its private key
 * as a password-protected PKCS#12 for the backup server's certificate store. The export is the only way a private key
 * leaves cert-service, for key custodians only, and each is audited (CertificateExported: who, which certificate and
 * servers, never the key); the password is used for that PKCS#12 and forgotten.
 */
@RestController
@RequestMapping("/api/certificates")
public class CertificatesController {

  private static final Logger log = LoggerFactory.getLogger(CertificatesController.class);
  public static final MediaType PKCS12 = MediaType.parseMediaType("application/x-pkcs12");
  /** CertificateExported is keyed by the certificate, which serves its servers across seeds. */
  public static final String AUDIT_KEY_PREFIX = "certificate:";

  /** The export request: only the PKCS#12 password. Never printed. */
  public record ExportRequest(String password) {
    @Override
    public String toString() {
      return "ExportRequest[password=(hidden)]";
    }
  }

  public record CertificateView(String thumbprint, String subject, String resourceId, Instant notBefore,
                                Instant notAfter, String state, long daysLeft, boolean needsRenewal) {
  }

  public record Renewed(String thumbprint, Instant notAfter, List<String> serverFiles) {
  }

  private final OfflineCertificateRepository certificates;
  private final PrivateKeyVault keys;
  private final ServerPreparation preparation;
  private final CertificatePolicy policy;
  private final MeterRegistry meters;
  private final Clock clock;
  private final BackupServerRepository servers;
  private final CommandGateway outbox;
  private final EventMetadataFactory metadata;

  public CertificatesController(OfflineCertificateRepository certificates, PrivateKeyVault keys,
                                ServerPreparation preparation, CertificatePolicy policy, MeterRegistry meters,
                                Clock clock, BackupServerRepository servers, CommandGateway outbox,
                                EventMetadataFactory metadata) {
    this.servers = servers;
    this.outbox = outbox;
    this.metadata = metadata;
    this.certificates = certificates;
    this.keys = keys;
    this.preparation = preparation;
    this.policy = policy;
    this.meters = meters;
    this.clock = clock;
  }

  @GetMapping
  @ForReaders
  public List<CertificateView> list() {
    Instant now = clock.instant();
    List<CertificateView> views = new java.util.ArrayList<>();
    certificates.findAll().forEach(c -> views.add(new CertificateView(c.thumbprint(), c.subject(), c.resourceId(),
        c.notBefore(), c.notAfter(), c.state().name(), Duration.between(now, c.notAfter()).toDays(),
        policy.needsRenewal(c.notAfter(), now))));
    views.sort(java.util.Comparator.comparing(CertificateView::notAfter));
    return views;
  }

  @PostMapping(value = "/{thumbprint}/export", produces = "application/x-pkcs12")
  @ForKeyCustodians
  @Transactional
  public ResponseEntity<byte[]> export(@PathVariable String thumbprint, @RequestBody ExportRequest request) {
    OfflineCertificateRow row = certificates.findById(thumbprint.toUpperCase())
        .orElseThrow(() -> new UnknownCertificate(thumbprint));
    PrivateKey key = keys.get(row.thumbprint()).orElseThrow(() -> new IllegalStateException(
        "the private key of certificate " + row.thumbprint() + " is missing from the key store"));
    char[] password = request == null || request.password() == null ? new char[0] : request.password().toCharArray();
    try {
      byte[] pfx = Pkcs12.export(ServerPreparation.x509(row), key, password, row.subject().replace("CN=", ""));
      Caller caller = Caller.required();
      // the audit commits with this transaction, before the key leaves: no export goes unrecorded
      outbox.send(CertificateExported.newBuilder()
          .setMetadata(metadata.originating(AUDIT_KEY_PREFIX + row.thumbprint()))
          .setThumbprint(row.thumbprint()).setSubject(row.subject()).setResourceId(row.resourceId())
          .setBackupServers(servers.findByApplicationKeyAndResourceId(row.applicationKey(), row.resourceId()).stream()
              .map(BackupServerRow::serverName).sorted().toList())
          .setExportedBy(caller.name()).setExportedByObjectId(caller.objectId())
          .build());
      meters.counter("seedship.cert.certificates.exported").increment();
      log.warn("exported certificate {} with its private key as a password-protected PKCS#12 to {} (object id {}, "
          + "client {})", row.thumbprint(), caller.name(), caller.objectId(), caller.appId());
      return ResponseEntity.ok().contentType(PKCS12)
          .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
              .filename(row.subject().replace("CN=", "") + "_" + row.thumbprint() + ".pfx").build().toString())
          .body(pfx);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  @PostMapping("/{thumbprint}/renew")
  @ForOperators
  @Transactional
  public List<Renewed> renew(@PathVariable String thumbprint) {
    List<PreparedServer> prepared = preparation.renew(thumbprint.toUpperCase());
    return prepared.stream().map(p -> new Renewed(p.certificate().thumbprint(), p.certificate().notAfter(),
        p.serverFiles().stream().map(Object::toString).toList())).toList();
  }

  static final class UnknownCertificate extends RuntimeException {
    UnknownCertificate(String thumbprint) {
      super("no certificate of cert-service has thumbprint " + thumbprint);
    }
  }

  @ExceptionHandler(UnknownCertificate.class)
  ResponseEntity<Map<String, String>> unknown(UnknownCertificate e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("field", "thumbprint", "message", e.getMessage()));
  }

  @ExceptionHandler(PreparationRefused.class)
  ResponseEntity<Map<String, String>> refused(PreparationRefused e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("field", String.valueOf(e.field()),
        "message", e.getMessage()));
  }

  /** Bad input for the PKCS#12 (the password rule): the message names the field, never the value. */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badInput(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
  }
}
