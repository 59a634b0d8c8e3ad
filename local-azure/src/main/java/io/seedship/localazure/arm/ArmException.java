package io.seedship.localazure.arm;

/** An ARM error answer: HTTP status plus {@code {"error":{"code","message","target"}}}. */
public class ArmException extends RuntimeException {

  private final int status;
  private final String code;
  private final String target;

  public ArmException(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ArmException(int status, String code, String message, String target) {
    super(message);
    this.status = status;
    this.code = code;
    this.target = target;
  }

  public static ArmException badRequest(String code, String message) {
    return new ArmException(400, code, message);
  }

  public static ArmException notFound(String code, String message) {
    return new ArmException(404, code, message);
  }

  public static ArmException conflict(String code, String message) {
    return new ArmException(409, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String target() {
    return target;
  }
}
