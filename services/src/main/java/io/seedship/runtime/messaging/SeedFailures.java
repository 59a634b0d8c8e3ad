package io.seedship.runtime.messaging;

import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.runtime.cancel.Cancellation;
import java.util.List;

/** The one way a SeedFailed is made: the stage, the reason, what the operator can do, and the problems by field. */
public final class SeedFailures {

  /** Reasons and actions are for people and end up in events and logs: long texts are cut, never a secret kept. */
  static final int MAX_TEXT = 4000;

  private SeedFailures() {
  }

  public static SeedFailed of(EventMetadata metadata, SeedStage stage, String reason, String action,
                              List<Problem> problems) {
    return SeedFailed.newBuilder()
        .setMetadata(metadata)
        .setStage(stage)
        .setReason(cut(reason))
        .setAction(action == null ? null : cut(action))
        .setProblems(problems.isEmpty() ? List.of(problem(null, reason)) : problems)
        .build();
  }

  public static SeedFailed of(EventMetadata metadata, SeedStage stage, String reason, String action) {
    return of(metadata, stage, reason, action, List.of());
  }

  /** The end of a seed an operator cancelled: {@code stopped} says what the cancel stopped, or left behind. */
  public static SeedFailed cancelled(EventMetadata metadata, SeedStage stage, Cancellation cancel, String stopped,
                                     List<Problem> problems) {
    SeedFailed failed = of(metadata, stage, cancel.describe() + "; " + stopped,
        "nothing more happens for this seed; request it again to start over", problems);
    failed.setCancelled(true);
    return failed;
  }

  public static Problem problem(String field, String message) {
    return Problem.newBuilder().setField(field).setMessage(cut(message)).build();
  }

  /**
   * The innermost cause, as "Type: message": what went wrong under the layers of wrapping, for a reason, a log line
   * or a dead letter's header. Exception messages must hold no secret; this one is shown to operators.
   */
  public static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return cut(root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
  }

  private static String cut(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
  }
}
