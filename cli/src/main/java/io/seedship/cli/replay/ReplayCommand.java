package io.seedship.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.cli.events.EventsCommand;
import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.kafka.Broker;
import io.seedship.cli.kafka.DecodedRecord;
import io.seedship.cli.kafka.Redelivery;
import io.seedship.cli.session.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code seedship replay}: re-delivers a seed's records, or a time range of one topic, to one service's consumer group
 * (through {@code seedship.replay}, addressed to that group alone). Before sending, the service says for each record
 * whether it has handled it already (the runtime then skips it: no state change, no event, no call outside), would
 * handle it, or has no handler for it; after, the report says what happened to each. {@code --dry-run} stops at the
 * plan.
 */
@Command(name = "replay", description = "Re-deliver a seed's records, or a time range of a topic, to one service "
    + "(SRE); --dry-run lists what would be handled and what skipped.")
public final class ReplayCommand implements Callable<Integer> {

  static final int CHECK_BATCH = 200;

  @ParentCommand
  Session cli;

  @Option(names = "--to", required = true, paramLabel = "SERVICE", description = "the service whose consumer group "
      + "gets the records (staging-service, vault-service, ...)")
  String service;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  static final class Selection {
    @Option(names = "--seed", description = "every record of this seed on the topics the service consumes")
    String seedId;

    @ArgGroup(exclusive = false)
    Range range;
  }

  static final class Range {
    @Option(names = "--topic", required = true, description = "one topic the service consumes")
    String topic;

    @Option(names = "--from", required = true, description = "from this instant, or this long ago (PT1H)")
    String from;

    @Option(names = "--until", description = "up to this instant, or this long ago (default: now)")
    String until;
  }

  @Mixin
  Redelivery redelivery;

  @Override
  public Integer call() {
    JsonNode consumer = cli.api().get(service, "/api/replay");
    String group = consumer.path("group").asText();
    List<String> consumed = new ArrayList<>();
    consumer.path("topics").forEach(t -> consumed.add(t.asText()));
    List<String> topics;
    Instant from = null;
    Instant until = Instant.now();
    if (selection.range != null) {
      if (!consumed.contains(selection.range.topic)) {
        throw new CliFailure(Exit.BAD_INPUT, "--topic " + selection.range.topic + ": " + service + " does not consume "
            + "it (it consumes " + consumed + ")");
      }
      topics = List.of(selection.range.topic);
      from = EventsCommand.since(selection.range.from);
      if (selection.range.until != null) {
        until = EventsCommand.since(selection.range.until);
      }
      if (!from.isBefore(until)) {
        throw new CliFailure(Exit.BAD_INPUT, "--from " + selection.range.from + " is not before --until");
      }
    } else {
      topics = consumed;
    }
    List<DecodedRecord> selected = new ArrayList<>();
    int[] undecodable = {0};
    Instant end = until;
    new Broker(cli.config().kafka()).scan(topics, from, raw -> {
      if (selection.seedId != null && !selection.seedId.equals(raw.key())) {
        return;
      }
      if (raw.timestamp() >= end.toEpochMilli()) {
        return;
      }
      DecodedRecord d = DecodedRecord.of(raw);
      if (d.event().isEmpty()) {
        undecodable[0]++;
      } else {
        selected.add(d);
      }
    });
    selected.sort(Comparator.comparing(DecodedRecord::time));
    if (selected.isEmpty()) {
      throw new CliFailure(Exit.NOT_FOUND, "no record to replay: " + (selection.seedId != null ? "seed "
          + selection.seedId + " has none on " + topics : "none on " + topics + " in that range"));
    }

    Map<String, JsonNode> before = check(selected);
    List<DecodedRecord> toSend = selected.stream()
        .filter(d -> !"no-handler".equals(before.get(d.eventId()).path("verdict").asText())).toList();
    long anew = selected.stream().filter(d -> "would-handle".equals(before.get(d.eventId()).path("verdict").asText()))
        .count();
    cli.output().note(selected.size() + " record(s) for " + group + (undecodable[0] > 0 ? " (" + undecodable[0]
        + " undecodable left out)" : "") + ":");
    if (redelivery.dryRun) {
      cli.output().rows(rows(selected, before, null), List.of("at", "type", "eventId", "plan"));
      cli.output().note("dry run: nothing was sent. " + summary(selected, before, null));
      return Exit.OK;
    }
    if (anew > 0 && !redelivery.yes && !cli.confirm(anew + " record(s) have not been handled by " + group
        + " and would be now. Send?")) {
      cli.output().note("Nothing was sent.");
      return Exit.DECLINED;
    }
    Broker broker = new Broker(cli.config().kafka());
    boolean taken = true;
    if (!toSend.isEmpty()) {
      List<RecordMetadata> sent = broker.replay(toSend.stream().map(DecodedRecord::raw).toList(), group, "replay");
      taken = broker.awaitConsumed(group, sent, redelivery.timeout);
    }
    Map<String, JsonNode> after = check(selected);
    cli.output().rows(rows(selected, before, after), List.of("at", "type", "eventId", "outcome"));
    cli.output().note(summary(selected, before, after) + (taken ? ""
        : " " + group + " has not taken them all within " + redelivery.timeout + " (is it running? 'seedship offsets')"));
    return taken ? Exit.OK : Exit.STILL_RUNNING;
  }

  /** The service's verdict on each record, by event id. */
  private Map<String, JsonNode> check(List<DecodedRecord> records) {
    Map<String, JsonNode> verdicts = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i += CHECK_BATCH) {
      List<Map<String, String>> batch = records.subList(i, Math.min(records.size(), i + CHECK_BATCH)).stream()
          .map(d -> Map.of("eventId", d.eventId(), "type", d.fullType())).toList();
      cli.api().post(service, "/api/replay/check", Map.of("records", batch)).path("verdicts")
          .forEach(v -> verdicts.put(v.path("eventId").asText(), v));
    }
    return verdicts;
  }

  private static List<Map<String, Object>> rows(List<DecodedRecord> records, Map<String, JsonNode> before,
                                                Map<String, JsonNode> after) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DecodedRecord d : records) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("at", d.at());
      row.put("seed", d.raw().key());
      row.put("type", d.type());
      row.put("eventId", d.eventId());
      JsonNode b = before.get(d.eventId());
      row.put(after == null ? "plan" : "outcome", after == null ? plan(b) : outcome(b, after.get(d.eventId())));
      rows.add(row);
    }
    return rows;
  }

  private static String plan(JsonNode verdict) {
    return switch (verdict.path("verdict").asText()) {
      case "handled" -> "skip: handled " + verdict.path("handledAt").asText() + " from "
          + verdict.path("handledFrom").asText();
      case "would-handle" -> "handle: not handled yet";
      default -> "not sent: no handler in this service";
    };
  }

  private static String outcome(JsonNode before, JsonNode after) {
    String was = before.path("verdict").asText();
    if ("no-handler".equals(was)) {
      return "not sent: no handler in this service";
    }
    if ("handled".equals(was)) {
      return "skipped: already handled " + before.path("handledAt").asText();
    }
    return "handled".equals(after.path("verdict").asText()) ? "handled now" : "not handled yet";
  }

  private static String summary(List<DecodedRecord> records, Map<String, JsonNode> before,
                                Map<String, JsonNode> after) {
    long skipped = records.stream().filter(d -> "handled".equals(before.get(d.eventId()).path("verdict").asText()))
        .count();
    long none = records.stream().filter(d -> "no-handler".equals(before.get(d.eventId()).path("verdict").asText()))
        .count();
    long anew = records.size() - skipped - none;
    if (after == null) {
      return skipped + " would be skipped as already handled, " + anew + " handled anew, " + none
          + " not sent (no handler).";
    }
    long handledNow = records.stream().filter(d -> "would-handle".equals(before.get(d.eventId()).path("verdict")
        .asText()) && "handled".equals(after.get(d.eventId()).path("verdict").asText())).count();
    return skipped + " skipped as already handled (no state change, no event, no call outside), " + handledNow
        + " handled now, " + none + " not sent (no handler).";
  }
}
