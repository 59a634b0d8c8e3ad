package io.seedship.cli.kafka;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of a command that re-delivers records (replay, redrive): a dry run, no question, how long to wait. */
public final class Redelivery {

  @Option(names = "--dry-run", description = "say what would be sent, and what the service would do with it; send "
      + "nothing")
  public boolean dryRun;

  @Option(names = "--yes", description = "do not ask")
  public boolean yes;

  @Option(names = "--timeout", defaultValue = "PT2M", description = "how long to wait for the group to take them "
      + "(default: ${DEFAULT-VALUE})")
  public Duration timeout;
}
