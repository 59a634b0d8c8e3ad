package io.seedship.diskprep.web;

import io.seedship.contracts.diskprep.RecoveryPasswordHandedOut;
import io.seedship.diskprep.custody.RecoveryPasswords;
import io.seedship.diskprep.persistence.PrepDrive;
import io.seedship.diskprep.persistence.PrepDriveRepository;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.web.FieldProblem;
import io.seedship.runtime.web.ProblemResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hands a drive's BitLocker recovery password to a person, on an explicit request that says who asks and why: the
 * request is logged (never the password) and audited as RecoveryPasswordHandedOut, written to the outbox before the
 * password is returned. A POST, so that no cache or prefetch ever holds one. From the security issue on, only the key
 * custodian role may call it.
 */
@RestController
@RequestMapping("/api/drives")
public class RecoveryPasswordController {

  private static final Logger log = LoggerFactory.getLogger(RecoveryPasswordController.class);

  public record Request(String requestedBy, String reason) {
  }

  public record HandedOut(String driveId, String seedId, String recoveryPassword) {
  }

  private final String copyMachine;
  private final PrepDriveRepository drives;
  private final RecoveryPasswords passwords;
  private final CommandGateway outbox;
  private final EventMetadataFactory metadata;

  public RecoveryPasswordController(String copyMachine, PrepDriveRepository drives, RecoveryPasswords passwords,
                                    CommandGateway outbox, EventMetadataFactory metadata) {
    this.copyMachine = copyMachine;
    this.drives = drives;
    this.passwords = passwords;
    this.outbox = outbox;
    this.metadata = metadata;
  }

  @PostMapping("/{serial}/recovery-password")
  public ResponseEntity<?> handOut(@PathVariable String serial, @RequestBody(required = false) Request body) {
    List<FieldProblem> problems = new ArrayList<>();
    if (body == null || body.requestedBy() == null || body.requestedBy().isBlank()) {
      problems.add(new FieldProblem("requestedBy", "requestedBy must name the person who asks"));
    }
    if (body == null || body.reason() == null || body.reason().isBlank()) {
      problems.add(new FieldProblem("reason", "reason must say why the recovery password is needed"));
    }
    if (!problems.isEmpty()) {
      return ProblemResponses.badRequest("Recovery password request refused",
          "a recovery password is handed out only to a named person with a reason", problems);
    }
    Optional<PrepDrive> drive = drives.findById(serial).filter(d -> d.recoveryPassword() != null);
    if (drive.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemResponses.problem(HttpStatus.NOT_FOUND,
          ProblemResponses.INVALID_REQUEST, "No recovery password", "copy machine " + copyMachine
              + " holds no recovery password for drive " + serial, List.of()));
    }
    PrepDrive d = drive.get();
    outbox.send(RecoveryPasswordHandedOut.newBuilder().setMetadata(metadata.originating(d.seedId()))
        .setCopyMachine(copyMachine).setDriveId(serial).setRequestedBy(body.requestedBy()).setReason(body.reason())
        .build());
    log.warn("recovery password of drive {} (seed {}) handed out to {}: {}", serial, d.seedId(), body.requestedBy(),
        body.reason());
    return ResponseEntity.ok()
        .header("Cache-Control", "no-store")
        .body(new HandedOut(serial, d.seedId(), passwords.open(serial, d.recoveryPassword()).reveal()));
  }
}
