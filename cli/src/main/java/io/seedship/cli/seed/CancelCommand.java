package io.seedship.cli.seed;

import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.session.Session;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.shipping.CancelRefused;
import io.seedship.contracts.status.SeedState;
import io.seedship.contracts.status.SeedStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code seedship seed cancel SEED --reason TEXT}: stops a seed while its drives are still on the premises or on their
 * way. The stage holding the seed acts on it (staging stops its write, disk prep stops before or during the drive
 * write, shipping cancels the import job: Azure allows that while the job is Creating or Shipping); the command then
 * waits for the seed's end, which says what the cancel stopped and what it left behind.
 */
@Command(name = "cancel", description = "Cancel a seed (operator) until its drives reach the datacenter; waits for "
    + "its end.")
final class CancelCommand implements Callable<Integer> {

  /** States from which Azure no longer cancels the import job (its drives are at the datacenter) or the seed ended. */
  private static final Set<SeedState> TOO_LATE = Set.of(SeedState.IMPORTING, SeedState.COPYING_TO_VAULT);
  /** The event shipping-service publishes when Azure refused to cancel the import job. */
  private static final String CANCEL_REFUSED = CancelRefused.class.getSimpleName();
  private static final Set<SeedState> ENDED = Set.of(SeedState.COMPLETED, SeedState.FAILED, SeedState.CANCELLED);

  @ParentCommand
  SeedCommand seed;

  @Parameters(paramLabel = "SEED", description = "the seed's id")
  String seedId;

  @Option(names = "--reason", required = true, description = "why (kept in the seed's outcome), at most 1000 "
      + "characters")
  String reason;

  @Option(names = "--yes", description = "do not ask")
  boolean yes;

  @Option(names = "--no-wait", description = "send the cancel and return; seedship seed watch shows its end")
  boolean noWait;

  @Option(names = "--timeout", defaultValue = "PT15M", description = "wait this long for the seed's end, ISO-8601 "
      + "(default: ${DEFAULT-VALUE}); a cancelled import job ends at the import monitor's next poll")
  Duration timeout;

  @Override
  public Integer call() {
    Session cli = seed.cli;
    if (reason.isBlank()) {
      throw new CliFailure(Exit.BAD_INPUT, "--reason is empty: say why the seed is cancelled");
    }
    PublicTopics topics = new PublicTopics(cli.config().kafka());
    PublicTopics.Seed latest = topics.seeds().get(seedId);
    SeedState state = latest == null ? null : latest.status().getState();
    String ended = latest == null ? null : latest.outcome().map(CancelCommand::outcome)
        .orElse(ENDED.contains(state) ? state.toString() : null);
    if (ended != null) {
      throw new CliFailure(Exit.BAD_INPUT, "seed " + seedId + " already ended " + ended + "; there is nothing to "
          + "cancel (seedship seed show " + seedId + ")");
    }
    if (state != null && TOO_LATE.contains(state)) {
      throw new CliFailure(Exit.FAILED, "seed " + seedId + " is " + state + ": its drives are at the datacenter and "
          + "Azure cancels an import job only while it is Creating or Shipping; the seed goes on");
    }
    cli.output().note("Seed " + seedId + (state == null ? "" : " is " + state + " (" + latest.status().getDetail()
        + ")") + ". Cancelling " + stops(state) + "; the seed ends and must be requested again to start over.");
    if (!yes && !cli.confirm("Cancel it?")) {
      cli.output().note("Nothing was sent; the seed goes on.");
      return Exit.DECLINED;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    body.put("requestedBy", cli.person());
    cli.api().post("staging-service", "/api/seeds/" + seedId + "/cancel", body);
    if (noWait) {
      cli.output().record(Map.of("seedId", seedId, "status", "cancel sent"));
      cli.output().note("Its end: seedship seed watch " + seedId);
      return Exit.OK;
    }
    return awaitEnd(cli, topics);
  }

  private int awaitEnd(Session cli, PublicTopics topics) {
    int[] exit = {Exit.STILL_RUNNING};
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("seedId", seedId);
    boolean ended = topics.follow(seedId, timeout, record -> {
      if (record instanceof SeedFailed failed) {
        shown.put("state", failed.getCancelled() ? "CANCELLED" : "FAILED");
        shown.put("stage", String.valueOf(failed.getStage()));
        shown.put("reason", failed.getReason());
        exit[0] = failed.getCancelled() ? Exit.OK : Exit.FAILED;
        return false;
      }
      if (record instanceof SeedCompleted) {
        shown.put("state", "COMPLETED");
        exit[0] = Exit.FAILED;
        return false;
      }
      if (record instanceof SeedStatus status && CANCEL_REFUSED.equals(status.getEvent())) {
        // the drives reached the datacenter before the cancel did: Azure refused it, the seed goes on
        shown.put("state", status.getState().toString());
        shown.put("reason", status.getDetail());
        exit[0] = Exit.FAILED;
        return false;
      }
      return true;
    });
    if (!ended) {
      throw new CliFailure(Exit.STILL_RUNNING, "the cancel of seed " + seedId + " was sent; the seed has not ended "
          + "after " + timeout + " (seedship seed watch " + seedId + ")");
    }
    cli.output().record(shown);
    return exit[0];
  }

  private static String outcome(org.apache.avro.specific.SpecificRecord outcome) {
    return outcome instanceof SeedFailed failed ? (failed.getCancelled() ? "CANCELLED" : "FAILED") : "COMPLETED";
  }

  /** What a cancel stops, by where the seed stands. */
  private static String stops(SeedState state) {
    if (state == null) {
      return "stops whatever stage holds it";
    }
    return switch (state) {
      case REQUESTED, ACCEPTED, STAGING -> "stops its staging (what was written stays in its staging directory)";
      case STAGED, PREPARING_DRIVES -> "stops its drive preparation (drives already written must be formatted "
          + "again before reuse)";
      case AWAITING_SHIPMENT, IN_TRANSIT -> "cancels its import job in Azure (drives already shipped are returned "
          + "without being copied)";
      default -> "stops whatever stage holds it";
    };
  }
}
