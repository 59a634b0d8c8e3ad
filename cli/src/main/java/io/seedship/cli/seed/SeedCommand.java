package io.seedship.cli.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.session.Session;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.SeedFailed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code seedship seed request|show|list}: a seed's request at staging-service, its state from the public topics. */
@Command(name = "seed", description = "Request a seed, show one, list them, watch one, cancel one.",
    subcommands = {SeedCommand.Request.class, SeedCommand.Show.class, SeedCommand.ListSeeds.class,
        WatchCommand.class, CancelCommand.class})
public final class SeedCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand
  Session cli;

  @Command(name = "request", description = "Request a seed (operator): staging-service checks it as it checks "
      + "every request and answers with the seed's id.")
  static final class Request implements Callable<Integer> {

    @ParentCommand
    SeedCommand seed;

    @Option(names = {"-f", "--file"}, description = "the request as JSON (the fields of POST /api/seeds)")
    Path file;

    @Option(names = "--source", description = "sourcePath: the directory to back up")
    String source;

    @Option(names = "--staging-location", description = "stagingLocation: where the staged copy is written")
    String stagingLocation;

    @Option(names = "--import-job-name", description = "importJobName: the Import/Export job to create")
    String importJobName;

    @Option(names = "--copy-machine", description = "copyMachine: the disk-prep agent that writes the drives")
    String copyMachine;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "any other field, dotted for nested ones "
        + "(returnAddress.city=Redmond); repeatable")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
      ObjectNode body = read();
      put(body, "sourcePath", source);
      put(body, "stagingLocation", stagingLocation);
      put(body, "importJobName", importJobName);
      put(body, "copyMachine", copyMachine);
      if (!body.hasNonNull("requestedBy")) {
        body.put("requestedBy", seed.cli.person());
      }
      for (String set : sets) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
          throw new CliFailure(Exit.BAD_INPUT, "--set " + set + ": give FIELD=VALUE");
        }
        ObjectNode node = body;
        String[] path = set.substring(0, eq).split("\\.");
        for (int i = 0; i < path.length - 1; i++) {
          node = node.has(path[i]) && node.get(path[i]).isObject() ? (ObjectNode) node.get(path[i])
              : node.putObject(path[i]);
        }
        node.put(path[path.length - 1], set.substring(eq + 1));
      }
      JsonNode accepted = seed.cli.api().post("staging-service", "/api/seeds", body);
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("seedId", accepted.path("seedId").asText());
      shown.put("status", "requested");
      seed.cli.output().record(shown);
      seed.cli.output().note("Follow it with: seedship seed show " + accepted.path("seedId").asText());
      return Exit.OK;
    }

    private ObjectNode read() {
      if (file == null) {
        return JSON.createObjectNode();
      }
      try {
        JsonNode node = JSON.readTree(file.toFile());
        if (!(node instanceof ObjectNode object)) {
          throw new CliFailure(Exit.BAD_INPUT, "--file " + file + ": a seed request is a JSON object");
        }
        return object;
      } catch (IOException e) {
        throw new CliFailure(Exit.BAD_INPUT, "--file " + file + ": " + e.getMessage());
      }
    }

    private static void put(ObjectNode body, String field, String value) {
      if (value != null) {
        body.put(field, value);
      }
    }
  }

  @Command(name = "show", description = "One seed: its staging at staging-service, its latest status and outcome.")
  static final class Show implements Callable<Integer> {

    @ParentCommand
    SeedCommand seed;

    @Parameters(paramLabel = "SEED", description = "the seed's id")
    String seedId;

    @Override
    public Integer call() {
      JsonNode staging = seed.cli.api().get("staging-service", "/api/seeds/" + seedId);
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("seedId", seedId);
      shown.put("importJob", text(staging, "importJobName"));
      shown.put("staging", text(staging, "state"));
      shown.put("stagingDir", text(staging, "stagingDir"));
      shown.put("stagedBytes", text(staging, "stagedBytes"));
      shown.put("files", text(staging, "fileCount"));
      shown.put("stagingFailure", text(staging, "failure"));
      PublicTopics.Seed latest = new PublicTopics(seed.cli.config().kafka()).seeds().get(seedId);
      int exit = Exit.OK;
      if (latest != null) {
        shown.put("state", latest.status().getState().toString());
        shown.put("stage", latest.status().getStage() == null ? null : latest.status().getStage().toString());
        shown.put("detail", latest.status().getDetail());
        shown.put("percent", latest.status().getPercentComplete());
        shown.put("updatedAt", latest.updatedAt().toString());
        if (latest.outcome().orElse(null) instanceof SeedFailed failed) {
          shown.put("failedIn", String.valueOf(failed.getStage()));
          shown.put("reason", failed.getReason());
          shown.put("whatToDo", failed.getAction());
          exit = Exit.FAILED;
        } else if (latest.outcome().orElse(null) instanceof SeedCompleted completed) {
          shown.put("recoveryPoint", completed.getRecoveryPointId());
          shown.put("filesVerified", completed.getFilesVerified());
        }
      }
      seed.cli.output().record(shown);
      return exit;
    }

    private static String text(JsonNode node, String field) {
      return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
  }

  @Command(name = "list", description = "Every seed with its state and stage, from the public status topic.")
  static final class ListSeeds implements Callable<Integer> {

    @ParentCommand
    SeedCommand seed;

    @Option(names = "--state", description = "only seeds in this state (e.g. STAGING, FAILED)")
    String state;

    @Option(names = "--stage", description = "only seeds in this stage (e.g. STAGING, SHIPPING)")
    String stage;

    @Override
    public Integer call() {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (PublicTopics.Seed s : new PublicTopics(seed.cli.config().kafka()).seeds().values()) {
        String seedState = s.status().getState().toString();
        String seedStage = s.status().getStage() == null ? "" : s.status().getStage().toString();
        if ((state == null || seedState.equalsIgnoreCase(state)) && (stage == null
            || seedStage.equalsIgnoreCase(stage))) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("seed", s.seedId());
          row.put("state", seedState);
          row.put("stage", seedStage.isEmpty() ? null : seedStage);
          row.put("job", s.status().getImportJobName());
          row.put("percent", s.status().getPercentComplete());
          row.put("updated", s.updatedAt().toString());
          row.put("detail", s.status().getDetail());
          rows.add(row);
        }
      }
      seed.cli.output().rows(rows, List.of("seed", "state", "stage", "job", "percent", "updated", "detail"));
      return Exit.OK;
    }
  }
}
