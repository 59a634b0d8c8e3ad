package io.seedship.runtime.work;

import io.seedship.contracts.common.Problem;
import io.seedship.runtime.messaging.SeedFailures;
import java.util.List;

/** A failure no retry can mend: the seed fails at once, saying what the operator can do. No secret in the texts. */
public class WorkFailure extends RuntimeException {

  private final String action;
  private final transient List<Problem> problems;

  public WorkFailure(String reason, String action, List<Problem> problems) {
    super(reason);
    this.action = action;
    this.problems = List.copyOf(problems);
  }

  public WorkFailure(String reason, String action) {
    this(reason, action, List.of());
  }

  /** A failure that concerns one input of the seed request. */
  public static WorkFailure of(String field, String reason, String action) {
    return new WorkFailure(reason, action, List.of(SeedFailures.problem(field, reason)));
  }

  public String action() {
    return action;
  }

  public List<Problem> problems() {
    return problems;
  }
}
