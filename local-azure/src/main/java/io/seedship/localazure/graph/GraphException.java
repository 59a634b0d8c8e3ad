package io.seedship.localazure.graph;

/** A Microsoft Graph error answer: HTTP status plus {@code {"error":{"code","message","innerError"}}}. */
public class GraphException extends RuntimeException {

  private final int status;
  private final String code;

  public GraphException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public static GraphException badRequest(String message) {
    return new GraphException(400, "Request_BadRequest", message);
  }

  /** Graph's answer to a property value it refuses, naming the property as Graph does. */
  public static GraphException invalidValue(String property) {
    return badRequest("Invalid value specified for property '" + property + "' of resource 'Application'.");
  }

  public static GraphException notFound(String id) {
    return new GraphException(404, "Request_ResourceNotFound",
        "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present.");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
