package io.seedship.cli.seed;

import io.seedship.cli.failure.Exit;
import io.seedship.cli.session.Session;
import io.seedship.contracts.outcome.SeedFailed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code seedship status}: every seed at a glance, how many in each state, and the failures with what to do. */
@Command(name = "status", description = "Every seed at a glance: counts by state, and each failure with what to do.")
public final class StatusCommand implements Callable<Integer> {

  @ParentCommand
  Session cli;

  @Override
  public Integer call() {
    Map<String, PublicTopics.Seed> seeds = new PublicTopics(cli.config().kafka()).seeds();
    Map<String, Integer> byState = new TreeMap<>();
    List<Map<String, Object>> failures = new ArrayList<>();
    for (PublicTopics.Seed seed : seeds.values()) {
      byState.merge(seed.status().getState().toString(), 1, Integer::sum);
      if (seed.outcome().orElse(null) instanceof SeedFailed failed && !failed.getCancelled()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seed", seed.seedId());
        row.put("stage", String.valueOf(failed.getStage()));
        row.put("reason", failed.getReason());
        row.put("whatToDo", failed.getAction());
        failures.add(row);
      }
    }
    if (cli.output().format() != io.seedship.cli.output.Output.Format.table) {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("seeds", seeds.size());
      all.put("byState", byState);
      all.put("failures", failures);
      cli.output().record(all);
      return Exit.OK;
    }
    List<Map<String, Object>> counts = new ArrayList<>();
    byState.forEach((state, n) -> counts.add(new LinkedHashMap<>(Map.of("state", state, "seeds", n))));
    cli.output().note(seeds.size() + " seed(s)");
    cli.output().rows(counts, List.of("state", "seeds"));
    if (!failures.isEmpty()) {
      cli.output().note("");
      cli.output().note("Failed:");
      cli.output().rows(failures, List.of("seed", "stage", "reason", "whatToDo"));
    }
    return Exit.OK;
  }
}
