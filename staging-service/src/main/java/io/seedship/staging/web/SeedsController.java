package io.seedship.staging.web;

import io.seedship.runtime.security.Caller;
import io.seedship.runtime.security.ForOperators;
import io.seedship.runtime.security.ForReaders;
import io.seedship.contracts.command.CancelSeed;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.Problem;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.web.FieldProblem;
import io.seedship.runtime.web.ProblemResponses;
import io.seedship.staging.intake.SeedRequestValidator;
import io.seedship.staging.intake.Validation;
import io.seedship.staging.persistence.StagedSeed;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.AvroRuntimeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The front door for the CLI: {@code POST /api/seeds} runs the fast checks of a seed request
 * ({@link SeedRequestValidator#validate}) and answers 400 with every problem in the runtime's problem format
 * ({@link ProblemResponses}), or publishes it as a RequestSeed command and answers 202 with the seed id. The command
 * topic stays the one way in: the consumer validates again (things may have changed meanwhile) and decides; the walk
 * and sizing of the source ({@link SeedRequestValidator#checkSource}) run later, outside any request.
 */
@RestController
@RequestMapping("/api/seeds")
public class SeedsController {

  /** The title of a refusal by the seed rules; the problems name each field. */
  public static final String REFUSED = "Seed request refused";
  /** The most a cancel's reason may say: it travels in the seed's outcome. */
  public static final int MAX_CANCEL_REASON = 1000;

  public record Accepted(String seedId, String status) {
  }

  public record SeedView(String seedId, String importJobName, String state, String stagingDir,
                         long estimatedStagedBytes, Instant acceptedAt, Instant startedAt, Instant finishedAt,
                         String manifestSha256, Long sourceBytes, Long stagedBytes, Long fileCount,
                         Integer chunkCount, String failure) {
  }

  private final SeedRequestValidator validator;
  private final StagedSeedRepository seeds;
  private final CommandGateway commands;
  private final EventMetadataFactory metadata;

  public SeedsController(SeedRequestValidator validator, StagedSeedRepository seeds, CommandGateway commands,
                         EventMetadataFactory metadata) {
    this.validator = validator;
    this.seeds = seeds;
    this.commands = commands;
    this.metadata = metadata;
  }

  @PostMapping
  @ForOperators
  public ResponseEntity<?> request(@RequestBody SeedRequest body) {
    // who asked is the signed-in caller, with the name a tool gives for the person behind it (checked with the rest)
    body.setRequestedBy(Caller.required().attribute(body.getRequestedBy()));
    Validation validation = validator.validate(body);
    if (!validation.ok()) {
      return ProblemResponses.badRequest(REFUSED, validation.reason(), problems(validation.problems()));
    }
    SeedRequest request;
    try {
      request = SeedRequest.newBuilder(body).build();
    } catch (AvroRuntimeException e) {
      // a required field the rules do not name (they name every one today): still refused in the one format
      String reason = "seed request refused: " + e.getMessage();
      return ProblemResponses.badRequest(REFUSED, reason, List.of(new FieldProblem(FieldProblem.BODY, reason)));
    }
    String seedId = UUID.randomUUID().toString();
    commands.send(RequestSeed.newBuilder().setMetadata(metadata.originating(seedId)).setRequest(request).build());
    return ResponseEntity.accepted().location(URI.create("/api/seeds/" + seedId))
        .body(new Accepted(seedId, "/api/seeds/" + seedId));
  }

  /** What an operator says when cancelling: why (kept in the seed's SeedFailed), and for whom a tool acts. */
  public record CancelBody(String reason, String requestedBy) {
  }

  /**
   * Cancels a seed: published as a CancelSeed command, which the stage holding the seed acts on (staging stops its
   * write, disk prep stops before or during the drive write, shipping cancels the import job while Azure allows it);
   * the seed's end comes as its SeedFailed with {@code cancelled} true, or a CancelRefused from shipping.
   */
  @PostMapping("/{seedId}/cancel")
  @ForOperators
  public ResponseEntity<?> cancel(@PathVariable String seedId, @RequestBody CancelBody body) {
    String reason = body.reason() == null ? "" : body.reason().strip();
    if (reason.isEmpty() || reason.length() > MAX_CANCEL_REASON) {
      String message = "reason is required, at most " + MAX_CANCEL_REASON + " characters: say why the seed is "
          + "cancelled (it is kept in the seed's outcome)";
      return ProblemResponses.badRequest("Cancel refused", message, List.of(new FieldProblem("reason", message)));
    }
    var seed = seeds.findById(seedId);
    if (seed.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }
    if (seed.get().state() == StagingState.FAILED || seed.get().state() == StagingState.CANCELLED) {
      String detail = "seed " + seedId + " already ended " + seed.get().state() + " in staging: " + seed.get().failure();
      return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemResponses.problem(HttpStatus.CONFLICT,
          ProblemResponses.INVALID_REQUEST, "Seed already ended", detail, List.of()));
    }
    String requestedBy = Caller.required().attribute(body.requestedBy());
    var envelope = metadata.originating(seedId);
    envelope.setCorrelationId(seed.get().correlationId()); // part of the seed's story, found with the rest of it
    commands.send(CancelSeed.newBuilder().setMetadata(envelope).setReason(reason).setRequestedBy(requestedBy).build());
    return ResponseEntity.accepted().location(URI.create("/api/seeds/" + seedId))
        .body(new Accepted(seedId, "/api/seeds/" + seedId));
  }

  @GetMapping("/{seedId}")
  @ForReaders
  public ResponseEntity<SeedView> get(@PathVariable String seedId) {
    return seeds.findById(seedId).map(s -> ResponseEntity.ok(new SeedView(s.seedId(), s.importJobName(),
            s.state().name(), s.stagingDir(), s.estimatedStagedBytes(), s.acceptedAt(), s.startedAt(),
            s.finishedAt(), s.manifestSha256(), s.sourceBytes(), s.stagedBytes(), s.fileCount(), s.chunkCount(),
            s.failure())))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
  }

  private static List<FieldProblem> problems(List<Problem> problems) {
    return problems.stream().map(p -> new FieldProblem(p.getField(), p.getMessage())).toList();
  }
}
