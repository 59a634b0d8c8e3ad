package io.seedship.cli.seed;

import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.session.Session;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.status.SeedStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code seedship seed watch SEED}: the seed's progress live, from the public topics, until its outcome. On a
 * terminal, a progress bar per stage (percent, detail, time left); otherwise a plain line at each change. The exit
 * code is the outcome's: 0 completed, 1 failed, {@link Exit#STILL_RUNNING} when {@code --timeout} passed first.
 */
@Command(name = "watch", description = "Follow a seed live until it completes or fails; exits with its outcome.")
final class WatchCommand implements Callable<Integer> {

  @ParentCommand
  SeedCommand seed;

  @Parameters(paramLabel = "SEED", description = "the seed's id")
  String seedId;

  @Option(names = "--timeout", defaultValue = "PT24H", description = "give up after this long, ISO-8601 (default: "
      + "${DEFAULT-VALUE}); a seed takes days, its watcher need not")
  Duration timeout;

  @Option(names = "--plain", description = "plain lines even on a terminal")
  boolean plain;

  @Override
  public Integer call() {
    Session cli = seed.cli;
    boolean bars = !plain && Boolean.getBoolean("seedship.terminal");
    int[] exit = {Exit.STILL_RUNNING};
    String[] last = {null};
    ProgressBar[] bar = {null};
    boolean ended = new PublicTopics(cli.config().kafka()).follow(seedId, timeout, record -> {
      if (record instanceof SeedStatus status) {
        String stage = status.getStage() == null ? status.getState().toString() : status.getStage().toString();
        if (bars) {
          bar[0] = barFor(stage, bar[0]);
          bar[0].stepTo(status.getPercentComplete() == null ? 0 : status.getPercentComplete());
          bar[0].setExtraMessage(" " + status.getState() + (status.getDetail() == null ? "" : ": "
              + status.getDetail()));
        } else {
          String line = status.getState() + " " + stage + (status.getPercentComplete() == null ? ""
              : " " + status.getPercentComplete() + "%") + (status.getDetail() == null ? "" : "  " + status.getDetail());
          if (!Objects.equals(line, last[0])) {
            cli.output().note(status.getMetadata().getOccurredAt() + "  " + line);
            last[0] = line;
          }
        }
        return true;
      }
      return !outcome(record, cli, exit, bar);
    });
    if (bar[0] != null) {
      bar[0].close();
    }
    if (!ended) {
      throw new CliFailure(Exit.STILL_RUNNING, "seed " + seedId + " has no outcome after " + timeout
          + " (a seed's import takes days; watch it again, or seedship seed show " + seedId + ")");
    }
    return exit[0];
  }

  /** Prints the outcome and says whether it was one (the watch ends). */
  private boolean outcome(SpecificRecord record, Session cli, int[] exit, ProgressBar[] bar) {
    if (bar[0] != null) {
      bar[0].close();
      bar[0] = null;
    }
    if (record instanceof SeedCompleted completed) {
      cli.output().note("COMPLETED: recovery point " + completed.getRecoveryPointId() + ", "
          + completed.getFilesVerified() + " files checked in the vault");
      exit[0] = Exit.OK;
      return true;
    }
    if (record instanceof SeedFailed failed) {
      cli.err().println("FAILED in " + failed.getStage() + ": " + failed.getReason()
          + (failed.getAction() == null ? "" : "\nwhat to do: " + failed.getAction()));
      cli.err().flush();
      exit[0] = Exit.FAILED;
      return true;
    }
    return false;
  }

  private static ProgressBar barFor(String stage, ProgressBar current) {
    if (current != null && current.getTaskName().equals(stage)) {
      return current;
    }
    if (current != null) {
      current.close();
    }
    return new ProgressBarBuilder().setTaskName(stage).setInitialMax(100).setUnit("%", 1)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
  }
}
