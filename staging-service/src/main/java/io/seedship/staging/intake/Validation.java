package io.seedship.staging.intake;

import io.seedship.contracts.common.Problem;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of validating a seed request: every problem found (not only the first), and what was learned on the
 * way, for the stages that follow.
 *
 * @param problems every problem, in the order of the request's fields; empty when the request is fine
 * @param estimate the source's size estimate, from {@link SeedRequestValidator#checkSource} (present whenever it is
 *     ok); always empty from {@link SeedRequestValidator#validate}, which does not size the source
 * @param publishSettings what the publish-settings file holds (never its certificate), from
 *     {@link SeedRequestValidator#validate}; empty when it could not be read, and from {@code checkSource}
 */
public record Validation(List<Problem> problems, Optional<Estimate> estimate,
    Optional<PublishSettings> publishSettings) {

  public Validation {
    problems = List.copyOf(problems);
  }

  /** True when there is no problem: the seed can go ahead. */
  public boolean ok() {
    return problems.isEmpty();
  }

  /**
   * One line for the seed-failed event: "seed request refused: 2 problems: importJobName ... | sourcePath ...".
   * Each message starts with its field's name, so the line names every field at fault; messages are separated by
   * " | " because they use commas and semicolons themselves.
   */
  public String reason() {
    if (ok()) {
      return "seed request accepted";
    }
    return "seed request refused: " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
        + problems.stream().map(Problem::getMessage).collect(Collectors.joining(" | "));
  }
}
