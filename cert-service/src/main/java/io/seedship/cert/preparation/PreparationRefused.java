package io.seedship.cert.preparation;

/**
 * The server cannot be prepared until an operator acts (a permission, a wrong tenant): not worth a retry. The message
 * says what to do; {@code field} is the seed request's input it concerns, or null.
 */
public class PreparationRefused extends RuntimeException {

  private final String field;

  public PreparationRefused(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
