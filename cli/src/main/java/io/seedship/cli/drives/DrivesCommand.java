package io.seedship.cli.drives;

import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code seedship drives list}: what the copy machine's agent sees, each drive with the checks it fails and why;
 * {@code seedship drives confirm}: the operator's go-ahead to format drives, after saying what will be erased.
 */
@Command(name = "drives", description = "The drives a copy machine sees; confirm those a seed's agent may format.",
    subcommands = {DrivesCommand.ListDrives.class, DrivesCommand.Confirm.class})
public final class DrivesCommand {

  @ParentCommand
  Session cli;

  @Command(name = "list", description = "Every drive the copy machine's agent sees: eligible or why not, and the "
      + "seed it was confirmed for.")
  static final class ListDrives implements Callable<Integer> {

    @ParentCommand
    DrivesCommand drives;

    @Override
    public Integer call() {
      JsonNode inventory = drives.cli.api().get("diskprep-service", "/api/drives");
      List<Map<String, Object>> rows = new ArrayList<>();
      for (JsonNode d : inventory.path("drives")) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("serial", d.path("serialNumber").asText());
        row.put("size", String.format(Locale.ROOT, "%.1f GiB", d.path("sizeBytes").asLong() / (double) (1L << 30)));
        row.put("bus", d.path("bus").asText());
        row.put("media", d.path("media").asText());
        row.put("eligible", d.path("eligible").asBoolean() ? "yes" : "no");
        row.put("seed", d.hasNonNull("seedId") ? d.get("seedId").asText() : null);
        row.put("state", d.hasNonNull("writeState") ? d.get("writeState").asText() : null);
        row.put("device", d.path("devicePath").asText());
        row.put("why not", d.hasNonNull("ineligibleReason") ? d.get("ineligibleReason").asText() : null);
        rows.add(row);
      }
      drives.cli.output().note("copy machine " + inventory.path("copyMachine").asText() + ": " + rows.size()
          + " drive(s)");
      drives.cli.output().rows(rows, List.of("serial", "size", "bus", "media", "eligible", "seed", "state", "device",
          "why not"));
      return Exit.OK;
    }
  }

  @Command(name = "confirm", description = "Let the seed's disk-prep agent ERASE and format these drives (operator).")
  static final class Confirm implements Callable<Integer> {

    @ParentCommand
    DrivesCommand drives;

    @Parameters(index = "0", paramLabel = "SEED", description = "the seed's id")
    String seedId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SERIAL", description = "each drive's serial number")
    List<String> serials;

    @Option(names = "--yes", description = "do not ask: the drives are erased")
    boolean yes;

    @Override
    public Integer call() {
      Session cli = drives.cli;
      cli.output().note("Every byte on these " + serials.size() + " drive(s) will be erased for seed " + seedId + ":");
      serials.forEach(s -> cli.output().note("  " + s));
      if (!yes && !cli.confirm("Erase and format them?")) {
        cli.output().note("Nothing was sent; no drive was touched.");
        return Exit.DECLINED;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("serialNumbers", serials);
      body.put("confirmedBy", cli.person());
      JsonNode sent = cli.api().post("diskprep-service", "/api/seeds/" + seedId + "/drives/confirm", body);
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("seedId", seedId);
      shown.put("copyMachine", sent.path("copyMachine").asText(null));
      shown.put("drives", String.join(", ", serials));
      shown.put("status", sent.path("status").asText("sent"));
      cli.output().record(shown);
      cli.output().note("The agent checks each drive again before it writes; a refusal names the drive and why "
          + "(seedship seed show " + seedId + ").");
      return Exit.OK;
    }
  }
}
