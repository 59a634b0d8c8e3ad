package io.seedship.diskprep.web;

import io.seedship.runtime.security.Caller;
import io.seedship.runtime.security.ForOperators;
import io.seedship.contracts.command.ConfirmDriveFormat;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.web.FieldProblem;
import io.seedship.runtime.web.ProblemResponses;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator at this copy machine confirms which drives may be erased for a seed, naming each by serial. The request
 * is only checked for its form here and sent as a ConfirmDriveFormat command (the command topic stays the one way
 * in); the agent's handler decides against its inventory and the seed (attached, unused, this seed's, eligible) and
 * answers with DriveFormatConfirmed or DriveFormatRefused, so nothing is formatted on the strength of this request alone.
 */
@RestController
public class DriveConfirmationController {

  /** The documentation's limit of drives per import job. */
  static final int MAX_DRIVES = 10;

  public record Confirmation(List<String> serialNumbers, String confirmedBy) {
  }

  public record Sent(String seedId, String copyMachine, List<String> serialNumbers, String status) {
  }

  private final String copyMachine;
  private final CommandGateway commands;
  private final EventMetadataFactory metadata;

  public DriveConfirmationController(String copyMachine, CommandGateway commands, EventMetadataFactory metadata) {
    this.copyMachine = copyMachine;
    this.commands = commands;
    this.metadata = metadata;
  }

  @PostMapping("/api/seeds/{seedId}/drives/confirm")
  @ForOperators
  public ResponseEntity<?> confirm(@PathVariable String seedId, @RequestBody(required = false) Confirmation body) {
    List<FieldProblem> problems = new ArrayList<>();
    List<String> serials = body == null || body.serialNumbers() == null ? List.of() : body.serialNumbers();
    if (serials.isEmpty() || serials.size() > MAX_DRIVES) {
      problems.add(new FieldProblem("serialNumbers", "serialNumbers must name 1 to " + MAX_DRIVES
          + " drives by serial number, the ones that may be erased"));
    }
    if (serials.stream().anyMatch(s -> s == null || s.isBlank())) {
      problems.add(new FieldProblem("serialNumbers", "serialNumbers must not hold a blank serial number"));
    } else if (new HashSet<>(serials).size() != serials.size()) {
      problems.add(new FieldProblem("serialNumbers", "serialNumbers names a drive twice"));
    }
    if (body == null || body.confirmedBy() == null || body.confirmedBy().isBlank()) {
      problems.add(new FieldProblem("confirmedBy", "confirmedBy must name the person who confirms the erasure"));
    }
    if (!problems.isEmpty()) {
      return ProblemResponses.badRequest("Drive confirmation refused", problems.getFirst().message(), problems);
    }
    commands.send(ConfirmDriveFormat.newBuilder().setMetadata(metadata.originating(seedId))
        .setCopyMachine(copyMachine).setDriveSerialNumbers(List.copyOf(serials))
        .setConfirmedBy(Caller.required().attribute(body.confirmedBy()))
        .build());
    return ResponseEntity.accepted().location(URI.create("/api/seeds/" + seedId + "/drives"))
        .body(new Sent(seedId, copyMachine, serials, "sent: the agent checks each drive against the seed, then"
            + " publishes DriveFormatConfirmed (and writes them) or DriveFormatRefused naming why"));
  }
}
