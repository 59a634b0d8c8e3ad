package io.seedship.runtime.replay;

import io.seedship.runtime.kafka.SeedEventDispatcher;
import io.seedship.runtime.persistence.ProcessedEvent;
import io.seedship.runtime.persistence.ProcessedEventRepository;
import io.seedship.runtime.security.ForSres;
import io.seedship.runtime.web.FieldProblem;
import io.seedship.runtime.web.ProblemResponses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a replay would do in this service, asked before and after one ({@code seedship replay}): which consumer group
 * and topics it has, which record types it handles, and for each record whether it was handled already (the runtime
 * then skips it as a duplicate: no state change, no event, no call outside), would be handled, or has no handler here.
 * Read only; SREs only.
 */
@RestController
@RequestMapping("/api/replay")
public class ReplayController {

  /** At most this many records per check: the request stays within the body limit. */
  public static final int MAX_RECORDS = 200;

  public record Consumer(String service, String group, List<String> topics, List<String> handles) {
  }

  /** A record to judge: its event id and its Avro type's full name. */
  public record Candidate(String eventId, String type) {
  }

  /** The records to judge (an object, not a bare array: the role is checked before a body is judged). */
  public record CheckRequest(List<Candidate> records) {
  }

  public record CheckAnswer(List<Verdict> verdicts) {
  }

  /** {@code handled}: already handled (when, and where it was read); {@code would-handle}; {@code no-handler}. */
  public record Verdict(String eventId, String type, String verdict, Instant handledAt, String handledFrom) {
  }

  private final SeedEventDispatcher dispatcher;
  private final ProcessedEventRepository processed;
  private final String service;
  private final List<String> topics;

  public ReplayController(SeedEventDispatcher dispatcher, ProcessedEventRepository processed, String service,
                          List<String> topics) {
    this.dispatcher = dispatcher;
    this.processed = processed;
    this.service = service;
    this.topics = List.copyOf(topics);
  }

  @GetMapping
  @ForSres
  public Consumer consumer() {
    return new Consumer(service, dispatcher.group(), topics, dispatcher.handledTypes());
  }

  @PostMapping("/check")
  @ForSres
  public ResponseEntity<?> check(@RequestBody CheckRequest request) {
    if (request.records() == null) {
      return ProblemResponses.badRequest("Replay check refused", "records: required",
          List.of(new FieldProblem("records", "required: the records to judge, each {eventId, type}")));
    }
    List<Candidate> candidates = request.records();
    List<FieldProblem> problems = new ArrayList<>();
    if (candidates.size() > MAX_RECORDS) {
      problems.add(new FieldProblem("records", "at most " + MAX_RECORDS + " records per check, not "
          + candidates.size()));
    }
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      if (c == null || c.eventId() == null || c.eventId().isBlank()) {
        problems.add(new FieldProblem("records[" + i + "].eventId", "required"));
      }
      if (c == null || c.type() == null || c.type().isBlank()) {
        problems.add(new FieldProblem("records[" + i + "].type", "required: the record's Avro type, full name"));
      }
    }
    if (!problems.isEmpty()) {
      return ProblemResponses.badRequest("Replay check refused", problems.getFirst().message(), problems);
    }
    Map<String, ProcessedEvent> seen = new HashMap<>();
    processed.findByEventIdIn(candidates.stream().map(Candidate::eventId).distinct().toList())
        .forEach(p -> seen.put(p.eventId(), p));
    List<String> handles = dispatcher.handledTypes();
    List<Verdict> verdicts = candidates.stream().map(c -> {
      ProcessedEvent p = seen.get(c.eventId());
      if (p != null) {
        return new Verdict(c.eventId(), c.type(), "handled", p.processedAt(),
            p.sourceTopic() + "-" + p.sourcePartition() + "@" + p.sourceOffset());
      }
      return new Verdict(c.eventId(), c.type(), handles.contains(c.type()) ? "would-handle" : "no-handler", null,
          null);
    }).toList();
    return ResponseEntity.ok(new CheckAnswer(verdicts));
  }
}
