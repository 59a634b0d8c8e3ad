package io.seedship.cli.deadletters;

import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.kafka.Broker;
import io.seedship.cli.kafka.DecodedRecord;
import io.seedship.cli.kafka.Redelivery;
import io.seedship.cli.session.Session;
import io.seedship.contracts.DeliveryHeaders;
import io.seedship.contracts.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code seedship deadletters list|show|redrive}: the records services gave up on ({@code seedship.deadletter}), with
 * where they came from and why; a redrive sends one back, after the cause is fixed, to the consumer group that gave up
 * on it (through {@code seedship.replay}: no other group and no subscriber sees it twice; the runtime's deduplication
 * keeps a record handled once).
 */
@Command(name = "deadletters", description = "Records the services gave up on: list, show, redrive (SRE).",
    subcommands = {DeadLettersCommand.ListDead.class, DeadLettersCommand.Show.class, DeadLettersCommand.Redrive.class})
public final class DeadLettersCommand {

  static final List<String> COLUMNS = List.of("offset", "time", "seed", "type", "origin", "group", "cause");

  @ParentCommand
  Session cli;

  List<DecodedRecord> read(String seedId) {
    List<DecodedRecord> dead = new ArrayList<>();
    new Broker(cli.config().kafka()).scan(List.of(Topics.DEAD_LETTERS.name()), null, raw -> {
      if (seedId == null || seedId.equals(raw.key())) {
        dead.add(DecodedRecord.of(raw));
      }
    });
    return dead;
  }

  /** The dead letter at {@code partition-offset} or {@code offset} (the topic has one partition). */
  DecodedRecord find(String at) {
    int dash = at.indexOf('-');
    int partition;
    long offset;
    try {
      partition = dash < 0 ? 0 : Integer.parseInt(at.substring(0, dash));
      offset = Long.parseLong(dash < 0 ? at : at.substring(dash + 1));
    } catch (NumberFormatException e) {
      throw new CliFailure(Exit.BAD_INPUT, "OFFSET " + at + ": an offset as 'deadletters list' shows it (12, or 0-12)");
    }
    return read(null).stream().filter(d -> d.raw().partition() == partition && d.raw().offset() == offset)
        .findFirst().orElseThrow(() -> new CliFailure(Exit.NOT_FOUND, "no dead letter at " + at + " in "
            + Topics.DEAD_LETTERS.name() + " ('seedship deadletters list' shows them)"));
  }

  static Map<String, Object> row(DecodedRecord d, boolean fullCause) {
    ConsumerRecord<String, byte[]> raw = d.raw();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("offset", raw.partition() == 0 ? String.valueOf(raw.offset()) : raw.partition() + "-" + raw.offset());
    row.put("time", d.time().toString());
    row.put("seed", raw.key());
    row.put("type", d.event().isPresent() ? d.type() : "undecodable");
    row.put("eventId", d.eventId());
    row.put("origin", Broker.header(raw, DeliveryHeaders.ORIGINAL_TOPIC) + "-"
        + Broker.number(raw, DeliveryHeaders.ORIGINAL_PARTITION) + "@" + Broker.number(raw,
        DeliveryHeaders.ORIGINAL_OFFSET));
    row.put("group", Broker.header(raw, DeliveryHeaders.DEAD_LETTERED_BY));
    String cause = Broker.header(raw, DeliveryHeaders.ROOT_CAUSE);
    if (cause == null) {
      cause = Broker.header(raw, DeliveryHeaders.EXCEPTION_MESSAGE);
    }
    row.put("cause", fullCause || cause == null || cause.length() <= 100 ? cause : cause.substring(0, 97) + "...");
    return row;
  }

  @Command(name = "list", description = "Every dead letter: its origin, the group that gave up, the root cause.")
  static final class ListDead implements Callable<Integer> {

    @ParentCommand
    DeadLettersCommand deadLetters;

    @Option(names = "--seed", description = "only this seed's")
    String seedId;

    @Override
    public Integer call() {
      List<Map<String, Object>> rows = deadLetters.read(seedId).stream().map(d -> row(d, false)).toList();
      deadLetters.cli.output().note(rows.size() + " dead letter(s) in " + Topics.DEAD_LETTERS.name());
      deadLetters.cli.output().rows(rows, COLUMNS);
      return Exit.OK;
    }
  }

  @Command(name = "show", description = "One dead letter in full: origin, cause, the event, the stack trace's top.")
  static final class Show implements Callable<Integer> {

    @ParentCommand
    DeadLettersCommand deadLetters;

    @Parameters(paramLabel = "OFFSET", description = "its offset, as 'deadletters list' shows it")
    String at;

    @Option(names = "--stacktrace", description = "the whole stack trace (default: its first 15 lines)")
    boolean stacktrace;

    @Override
    public Integer call() {
      DecodedRecord d = deadLetters.find(at);
      Map<String, Object> shown = row(d, true);
      String trace = Broker.header(d.raw(), DeliveryHeaders.EXCEPTION_STACKTRACE);
      if (trace != null && !stacktrace) {
        List<String> lines = trace.lines().toList();
        trace = String.join("\n", lines.subList(0, Math.min(15, lines.size())))
            + (lines.size() > 15 ? "\n... (" + (lines.size() - 15) + " more lines: --stacktrace)" : "");
      }
      shown.put("event", d.event().isPresent() ? d.json() : d.problem());
      shown.put("stacktrace", trace);
      deadLetters.cli.output().record(shown);
      return Exit.OK;
    }
  }

  @Command(name = "redrive", description = "Send dead letters back to the group that gave up on them, after the "
      + "cause is fixed.")
  static final class Redrive implements Callable<Integer> {

    @ParentCommand
    DeadLettersCommand deadLetters;

    @Parameters(arity = "1..*", paramLabel = "OFFSET", description = "each one's offset, as 'deadletters list' "
        + "shows it")
    List<String> offsets;

    @Option(names = "--to", paramLabel = "GROUP", description = "the consumer group to send them to (default: the "
        + "one that gave up, from the dead letter)")
    String group;

    @Mixin
    Redelivery redelivery;

    @Override
    public Integer call() {
      Session cli = deadLetters.cli;
      Map<String, List<DecodedRecord>> byGroup = new LinkedHashMap<>();
      for (String at : offsets) {
        DecodedRecord d = deadLetters.find(at);
        if (d.event().isEmpty()) {
          throw new CliFailure(Exit.BAD_INPUT, "dead letter " + at + " is " + d.problem() + ": no service can handle "
              + "it, so there is nothing to redrive");
        }
        String to = group != null ? group : Broker.header(d.raw(), DeliveryHeaders.DEAD_LETTERED_BY);
        if (to == null) {
          throw new CliFailure(Exit.BAD_INPUT, "dead letter " + at + " does not name the group that gave up on it: "
              + "name it with --to GROUP ('seedship offsets' lists the groups)");
        }
        byGroup.computeIfAbsent(to, g -> new ArrayList<>()).add(d);
      }
      List<Map<String, Object>> plan = new ArrayList<>();
      byGroup.forEach((to, records) -> records.forEach(d -> {
        Map<String, Object> row = row(d, false);
        row.put("to", to);
        plan.add(row);
      }));
      cli.output().rows(plan, List.of("offset", "seed", "type", "eventId", "origin", "to"));
      if (redelivery.dryRun) {
        cli.output().note("dry run: nothing was sent");
        return Exit.OK;
      }
      if (!redelivery.yes && !cli.confirm("Send " + plan.size() + " record(s) back to be handled again?")) {
        cli.output().note("Nothing was sent.");
        return Exit.DECLINED;
      }
      Broker broker = new Broker(cli.config().kafka());
      boolean allTaken = true;
      for (Map.Entry<String, List<DecodedRecord>> e : byGroup.entrySet()) {
        List<RecordMetadata> sent = broker.replay(e.getValue().stream().map(DecodedRecord::raw).toList(),
            e.getKey(), "redrive");
        boolean taken = broker.awaitConsumed(e.getKey(), sent, redelivery.timeout);
        allTaken &= taken;
        cli.output().note(sent.size() + " record(s) sent to " + e.getKey() + (taken ? "; it has taken them"
            : "; it has not taken them within " + redelivery.timeout + " (is it running? 'seedship offsets')"));
      }
      cli.output().note("What they did: seedship events tail --seed SEED; a record that fails again is dead-lettered "
          + "again");
      return allTaken ? Exit.OK : Exit.STILL_RUNNING;
    }
  }
}
