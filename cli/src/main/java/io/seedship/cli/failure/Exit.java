package io.seedship.cli.failure;

/**
 * The exit codes scripts can rely on. Every failure prints what was wrong and what to do on standard error.
 */
public final class Exit {

  /** Done as asked. */
  public static final int OK = 0;
  /** The system did the work and it failed (a seed that failed, a refusal by the system's rules). */
  public static final int FAILED = 1;
  /** The input was wrong (a flag, a file, a field the service refused): nothing was changed. */
  public static final int BAD_INPUT = 2;
  /** Not signed in, the sign-in expired, or the caller lacks the role. */
  public static final int NOT_ALLOWED = 3;
  /** What was named does not exist. */
  public static final int NOT_FOUND = 4;
  /** A service or the broker could not be reached or answered with an error of its own. */
  public static final int UNAVAILABLE = 5;
  /** The operator answered no at a confirmation: nothing was changed. */
  public static final int DECLINED = 6;
  /** {@code seed watch}: the seed had no outcome yet when {@code --timeout} passed. */
  public static final int STILL_RUNNING = 7;

  private Exit() {
  }
}
