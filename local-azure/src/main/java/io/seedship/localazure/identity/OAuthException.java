package io.seedship.localazure.identity;

/**
 * An Entra token endpoint refusal: the OAuth {@code error}, the AADSTS number and its description, with the HTTP
 * status Entra uses for it (400, or 401 for a client that failed to authenticate).
 */
public class OAuthException extends RuntimeException {

  private final int status;
  private final String error;
  private final int aadsts;

  public OAuthException(int status, String error, int aadsts, String description) {
    super(description);
    this.status = status;
    this.error = error;
    this.aadsts = aadsts;
  }

  /** 401 invalid_client: the client's credential (secret or assertion) does not hold. */
  public static OAuthException invalidClient(int aadsts, String description) {
    return new OAuthException(401, "invalid_client", aadsts, description);
  }

  public static OAuthException invalidRequest(int aadsts, String description) {
    return new OAuthException(400, "invalid_request", aadsts, description);
  }

  public static OAuthException missing(String parameter) {
    return invalidRequest(900144, "The request body must contain the following parameter: '" + parameter + "'.");
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public int aadsts() {
    return aadsts;
  }
}
