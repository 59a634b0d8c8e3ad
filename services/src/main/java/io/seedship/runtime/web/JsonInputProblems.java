package io.seedship.runtime.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Jackson's refusal of a request body, as a problem naming the field and the rule. Jackson's own messages name Java
 * types and may quote the offending input; these name the JSON field, what it must be, and quote a value only where
 * it is a short choice among names (an enum), so nothing a client sent, a password say, is echoed.
 */
final class JsonInputProblems {

  /** Values quoted in a message are cut to this: enough to recognise, never a pasted paragraph. */
  private static final int QUOTE_LIMIT = 60;

  private JsonInputProblems() {
  }

  /** The problem for the first Jackson exception in the cause chain; empty when there is none. */
  static Optional<FieldProblem> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JacksonException json) {
        return Optional.of(problem(json));
      }
    }
    return Optional.empty();
  }

  private static FieldProblem problem(JacksonException e) {
    String field = path(e.getPath());
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new FieldProblem(field, "unknown field '" + field + "'" + didYouMean(unknown.getPropertyName(),
          unknown.getKnownPropertyIds()) + ": " + where(field) + " takes no field '" + unknown.getPropertyName()
          + "'; remove it or correct its name");
    }
    if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
        && invalid.getTargetType().isEnum()) {
      return new FieldProblem(field, field + " '" + quote(String.valueOf(invalid.getValue())) + "' is not one of "
          + constants(invalid.getTargetType()));
    }
    if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      String named = field.equals(FieldProblem.BODY) ? "the request body" : field;
      return new FieldProblem(field, named + " must be " + expected(mismatched.getTargetType())
          + at(e.getLocation()));
    }
    if (e instanceof StreamReadException) {
      return new FieldProblem(FieldProblem.BODY, "the request body is not well-formed JSON" + at(e.getLocation())
          + ": " + unquoted(e.getOriginalMessage()) + "; send a JSON object");
    }
    return new FieldProblem(field, (field.equals(FieldProblem.BODY) ? "the request body" : field)
        + " cannot be read as JSON" + at(e.getLocation()) + "; send a JSON object with the documented fields");
  }

  /** "returnAddress.city", "items[2].name"; {@value FieldProblem#BODY} for the body itself. */
  static String path(List<JacksonException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference r : references) {
      if (r.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? FieldProblem.BODY : path.toString();
  }

  private static String where(String field) {
    int dot = field.lastIndexOf('.');
    return dot < 0 ? "the request" : field.substring(0, dot);
  }

  /** What a JSON value bound to this type looks like, in JSON's words. */
  private static String expected(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + constants(type);
    }
    if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String constants(Class<?> type) {
    return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
  }

  /** " (did you mean 'stagingLocation'?)" for a name within two edits of a known one; else nothing. */
  static String didYouMean(String name, Collection<Object> known) {
    if (known == null || name == null) {
      return "";
    }
    return known.stream().map(String::valueOf)
        .map(k -> new Object[] {k, distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT))})
        .filter(c -> (int) c[1] <= Math.max(1, Math.min(2, name.length() / 4)))
        .min(Comparator.comparingInt(c -> (int) c[1]))
        .map(c -> " (did you mean '" + c[0] + "'?)").orElse("");
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String at(TokenStreamLocation location) {
    return location == null || location.getLineNr() < 0 ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** Jackson's reason without the token it quotes ("Unrecognized token 'hunter2'" could be a password). */
  private static String unquoted(String message) {
    String first = message == null ? "malformed input" : message.lines().findFirst().orElse("malformed input");
    return first.replaceAll("token '[^']*'", "token").replaceAll("\\(String\\)\"[^\"]*\"", "(String)");
  }

  private static String quote(String value) {
    return value.length() <= QUOTE_LIMIT ? value : value.substring(0, QUOTE_LIMIT) + "...";
  }
}
