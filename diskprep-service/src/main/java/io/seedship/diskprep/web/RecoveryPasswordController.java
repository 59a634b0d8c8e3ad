package io.seedship.diskprep.web;

import io.seedship.runtime.security.Caller;
import io.seedship.runtime.security.ForKeyCustodians;
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
 * Hands a drive's BitLocker recovery password to a key custodian, on an explicit request that says why: the caller
 * (from the token) and the reason are logged (never the password) and audited as RecoveryPasswordHandedOut, written to
 * the outbox before the password is returned. A POST, so that no cache or prefetch ever holds one.
 */
@RestController
@RequestMapping("/api/drives")
public class RecoveryPasswordController {

  private static final Logger log = LoggerFactory.getLogger(RecoveryPasswordController.class);

  /** Why the password is needed; who asks is the token's caller, not something the body may claim. */
  public record Request(String reason) {
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
  @ForKeyCustodians
  public ResponseEntity<?> handOut(@PathVariable String serial, @RequestBody(required = false) Request body) {
    List<FieldProblem> problems = new ArrayList<>();
    if (body == null || body.reason() == null || body.reason().isBlank()) {
      problems.add(new FieldProblem("reason", "reason must say why the recovery password is needed"));
    }
    if (!problems.isEmpty()) {
      return ProblemResponses.badRequest("Recovery password request refused",
          "a recovery password is handed out only with a reason", problems);
    }
    Optional<PrepDrive> drive = drives.findById(serial).filter(d -> d.recoveryPassword() != null);
    if (drive.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemResponses.problem(HttpStatus.NOT_FOUND,
          ProblemResponses.INVALID_REQUEST, "No recovery password", "copy machine " + copyMachine
              + " holds no recovery password for drive " + serial, List.of()));
    }
    PrepDrive d = drive.get();
    Caller caller = Caller.required();
    outbox.send(RecoveryPasswordHandedOut.newBuilder().setMetadata(metadata.originating(d.seedId()))
        .setCopyMachine(copyMachine).setDriveId(serial).setRequestedBy(caller.name()).setReason(body.reason())
        .build());
    log.warn("recovery password of drive {} (seed {}) handed out to {} (object id {}, client {}): {}", serial,
        d.seedId(), caller.name(), caller.objectId(), caller.appId(), body.reason());
    return ResponseEntity.ok()
        .header("Cache-Control", "no-store")
        .body(new HandedOut(serial, d.seedId(), passwords.open(serial, d.recoveryPassword()).reveal()));
  }
}
