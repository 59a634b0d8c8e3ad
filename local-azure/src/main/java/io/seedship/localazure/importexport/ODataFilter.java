package io.seedship.localazure.importexport;

import io.seedship.localazure.arm.ArmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of OData {@code $filter} that job lists accept: {@code state}, {@code jobType} and {@code name} compared
 * with {@code eq} to a quoted string, joined by {@code and}. Anything else is refused rather than ignored, so a
 * client never mistakes an unfiltered list for a filtered one.
 */
public final class ODataFilter implements Predicate<Job> {

  private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);
  private static final Pattern CLAUSE =
      Pattern.compile("\\s*(state|jobType|name)\\s+eq\\s+'((?:[^']|'')*)'\\s*", Pattern.CASE_INSENSITIVE);

  private record Clause(String field, String value) {
  }

  private final List<Clause> clauses;

  private ODataFilter(List<Clause> clauses) {
    this.clauses = clauses;
  }

  /** Null or blank: everything passes. */
  public static ODataFilter parse(String filter) {
    List<Clause> clauses = new ArrayList<>();
    if (filter == null || filter.isBlank()) {
      return new ODataFilter(clauses);
    }
    for (String part : splitOutsideQuotes(filter)) {
      Matcher m = CLAUSE.matcher(part);
      if (!m.matches()) {
        throw new ArmException(400, "InvalidFilter", "The $filter '" + filter + "' is not supported: '" + part.trim()
            + "' is not of the form <state|jobType|name> eq '<value>' (clauses may be joined by 'and').", "$filter");
      }
      clauses.add(new Clause(m.group(1).toLowerCase(Locale.ROOT), m.group(2).replace("''", "'")));
    }
    return new ODataFilter(clauses);
  }

  @Override
  public boolean test(Job job) {
    for (Clause c : clauses) {
      String actual = switch (c.field()) {
        case "state" -> job.state();
        case "jobtype" -> job.jobType();
        default -> job.name();
      };
      if (!actual.equalsIgnoreCase(c.value())) {
        return false;
      }
    }
    return true;
  }

  /** Splits on " and " only where it is not inside a quoted value (a job named 'a and b' is not two clauses). */
  private static List<String> splitOutsideQuotes(String filter) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < filter.length(); i++) {
      char ch = filter.charAt(i);
      if (ch == '\'') {
        quoted = !quoted;
      } else if (!quoted) {
        Matcher m = AND.matcher(filter).region(i, filter.length());
        if (m.lookingAt() && i > start) {
          parts.add(filter.substring(start, i));
          i = m.end() - 1;
          start = m.end();
        }
      }
    }
    parts.add(filter.substring(start));
    return parts;
  }
}
