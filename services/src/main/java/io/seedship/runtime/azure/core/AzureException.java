package io.seedship.runtime.azure.core;

/**
 * An Azure call that failed for good (after retries): the HTTP status and the service's error code and message,
 * e.g. 404 ResourceGroupNotFound. Subclasses let callers catch the cases they handle differently.
 */
public class AzureException extends RuntimeException {

  private final int status;
  private final String code;
  private final String target;

  public AzureException(int status, String code, String message, String target, Throwable cause) {
    super(status + " " + code + ": " + message, cause);
    this.status = status;
    this.code = code;
    this.target = target;
  }

  public int status() {
    return status;
  }

  /** The service's error code (ARM's error.code, Graph's, or Entra's AADSTS error). */
  public String code() {
    return code;
  }

  /** The field the service blames, when it says. */
  public String target() {
    return target;
  }

  public static class NotFound extends AzureException {
    public NotFound(String code, String message, String target, Throwable cause) {
      super(404, code, message, target, cause);
    }
  }

  public static class Conflict extends AzureException {
    public Conflict(String code, String message, String target, Throwable cause) {
      super(409, code, message, target, cause);
    }
  }

  /** The request itself is wrong (400): retrying it unchanged cannot help. */
  public static class BadRequest extends AzureException {
    public BadRequest(String code, String message, String target, Throwable cause) {
      super(400, code, message, target, cause);
    }
  }

  /** 401/403, or no token could be had. */
  public static class Unauthorized extends AzureException {
    public Unauthorized(int status, String code, String message, Throwable cause) {
      super(status, code, message, null, cause);
    }
  }

  /** Still throttled after the retries, or asked to wait longer than a call should: try again after {@link #retryAfterSeconds()}. */
  public static class Throttled extends AzureException {
    private final long retryAfterSeconds;

    public Throttled(String code, String message, long retryAfterSeconds, Throwable cause) {
      super(429, code, message, null, cause);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }
}
