package io.seedship.cli.failure;

/** A failure the command reports in one message (what was wrong, what to do) with its {@link Exit} code. */
public final class CliFailure extends RuntimeException {

  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
