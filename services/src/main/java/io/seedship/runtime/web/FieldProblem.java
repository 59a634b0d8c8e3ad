package io.seedship.runtime.web;

/**
 * One problem of a refused request: the field at fault and what is wrong with it, naming the rule.
 *
 * @param field the field's name, dotted for a nested one ({@code returnAddress.city}); {@value #BODY} for the request
 *     body as a whole (not JSON, not an object, too large)
 * @param message what is wrong and what to do; never a secret's value
 */
public record FieldProblem(String field, String message) {

  /** The field name that stands for the whole request body. */
  public static final String BODY = "$";
}
