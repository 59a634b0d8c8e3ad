package io.seedship.cli.events;

import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.kafka.Broker;
import io.seedship.cli.kafka.DecodedRecord;
import io.seedship.cli.output.Output;
import io.seedship.cli.session.Session;
import io.seedship.contracts.Topic;
import io.seedship.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code seedship events tail}: Seedship's records, decoded, filtered by seed, type and topic (SRE identity). */
@Command(name = "events", description = "Seedship's events on the broker, decoded (the SRE's Kafka identity).",
    subcommands = EventsCommand.Tail.class)
public final class EventsCommand {

  @ParentCommand
  Session cli;

  @Command(name = "tail", description = "Print the events of every topic (or --topic), oldest first; with --follow, "
      + "keep printing new ones.")
  static final class Tail implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("time", "at", "seed", "type", "eventId");

    @ParentCommand
    EventsCommand events;

    @Option(names = "--seed", description = "only this seed's records")
    String seedId;

    @Option(names = "--type", description = "only records of this type (simple or full Avro name; repeatable)")
    List<String> types = new ArrayList<>();

    @Option(names = "--topic", description = "only this topic (repeatable; default: every topic of the catalog)")
    List<String> topics = new ArrayList<>();

    @Option(names = "--since", description = "from this instant (2026-12-03T01:00:00Z) or this long ago (PT1H, P1D); "
        + "default: each topic's beginning")
    String since;

    @Option(names = {"-f", "--follow"}, description = "keep printing new records until --timeout or Ctrl-C")
    boolean follow;

    @Option(names = "--timeout", defaultValue = "PT24H", description = "with --follow, stop after this long "
        + "(default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() {
      Session cli = events.cli;
      List<String> names = topics.isEmpty() ? Topics.ALL.stream().map(Topic::name).toList() : topics;
      for (String name : names) {
        if (Topics.byName(name).isEmpty()) {
          throw new CliFailure(Exit.BAD_INPUT, "--topic " + name + ": not a Seedship topic (one of "
              + Topics.ALL.stream().map(Topic::name).toList() + ")");
        }
      }
      Instant from = since(since);
      Broker broker = new Broker(cli.config().kafka());
      Output output = cli.output();
      if (follow) {
        boolean table = output.format() == Output.Format.table;
        broker.follow(names, from, Instant.now().plus(timeout), raw -> {
          DecodedRecord record = DecodedRecord.of(raw);
          if (matches(record)) {
            if (table) {
              cli.out().println(String.join("  ", COLUMNS.stream().map(c -> String.valueOf(record.row().get(c)))
                  .toList()));
              cli.out().flush();
            } else {
              output.record(structured(record));
            }
          }
          return true;
        });
        return Exit.OK;
      }
      List<DecodedRecord> read = new ArrayList<>();
      broker.scan(names, from, raw -> {
        DecodedRecord record = DecodedRecord.of(raw);
        if (matches(record)) {
          read.add(record);
        }
      });
      read.sort(Comparator.comparing(DecodedRecord::time));
      if (output.format() == Output.Format.table) {
        output.rows(read.stream().map(DecodedRecord::row).toList(), COLUMNS);
      } else {
        output.rows(read.stream().map(Tail::structured).toList(), COLUMNS);
      }
      return Exit.OK;
    }

    private boolean matches(DecodedRecord record) {
      if (seedId != null && !seedId.equals(record.raw().key())) {
        return false;
      }
      return types.isEmpty() || types.contains(record.type())
          || (record.fullType() != null && types.contains(record.fullType()));
    }

    private static Map<String, Object> structured(DecodedRecord record) {
      Map<String, Object> row = record.row();
      row.put("event", record.json());
      return row;
    }
  }

  /** An instant, or a duration back from now; null: from the beginning. */
  public static Instant since(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return Instant.now().minus(Duration.parse(value));
      } catch (DateTimeParseException e) {
        throw new CliFailure(Exit.BAD_INPUT, "--since " + value + ": neither an instant (2026-12-03T01:00:00Z) nor a "
            + "duration (PT1H, P1D)");
      }
    }
  }
}
