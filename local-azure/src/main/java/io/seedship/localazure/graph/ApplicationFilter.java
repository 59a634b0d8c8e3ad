package io.seedship.localazure.graph;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $filter} clauses local-azure understands on applications: {@code displayName eq '..'},
 * {@code appId eq '..'}, {@code startswith(displayName,'..')}. Directory string comparisons are case-insensitive.
 * Anything else is refused by name rather than ignored, so a caller never mistakes an unfiltered list for a match.
 */
final class ApplicationFilter {

  private static final String LITERAL = "'((?:[^']|'')*)'";
  private static final Pattern EQ = Pattern.compile("^\\s*(\\w+)\\s+eq\\s+" + LITERAL + "\\s*$");
  private static final Pattern STARTS_WITH = Pattern.compile(
      "^\\s*startswith\\(\\s*(\\w+)\\s*,\\s*" + LITERAL + "\\s*\\)\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern PROPERTY = Pattern.compile("^\\s*(?:\\w+\\(\\s*)?(\\w+)");

  private ApplicationFilter() {
  }

  static Predicate<Application> parse(String filter) {
    if (filter == null || filter.isBlank()) {
      return app -> true;
    }
    Matcher eq = EQ.matcher(filter);
    if (eq.matches()) {
      String value = eq.group(2).replace("''", "'");
      return switch (eq.group(1).toLowerCase(Locale.ROOT)) {
        case "displayname" -> app -> app.displayName().equalsIgnoreCase(value);
        case "appid" -> app -> app.appId().equalsIgnoreCase(value);
        default -> throw unsupported(eq.group(1));
      };
    }
    Matcher startsWith = STARTS_WITH.matcher(filter);
    if (startsWith.matches()) {
      if (!startsWith.group(1).equalsIgnoreCase("displayName")) {
        throw unsupported(startsWith.group(1));
      }
      String prefix = startsWith.group(2).replace("''", "'").toLowerCase(Locale.ROOT);
      return app -> app.displayName().toLowerCase(Locale.ROOT).startsWith(prefix);
    }
    Matcher property = PROPERTY.matcher(filter);
    throw unsupported(property.find() ? property.group(1) : filter);
  }

  private static GraphException unsupported(String property) {
    return new GraphException(400, "Request_UnsupportedQuery", "Unsupported or invalid query filter clause "
        + "specified for property '" + property + "' of resource 'Application'.");
  }
}
