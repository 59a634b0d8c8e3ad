package io.seedship.runtime.azure.core;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.storage.blob.models.BlobStorageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;

/** Turns what the SDKs throw into {@link AzureException}s that carry the service's code and message. */
public final class AzureErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AzureErrors() {
  }

  /** Runs an SDK call; a failure leaves as an AzureException naming {@code what} was attempted. */
  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (AzureException e) {
      throw e;
    } catch (RuntimeException e) {
      throw translate(what, e);
    }
  }

  public static void run(String what, Runnable call) {
    call(what, () -> {
      call.run();
      return null;
    });
  }

  public static AzureException translate(String what, RuntimeException e) {
    if (e instanceof ClientAuthenticationException auth) {
      return new AzureException.Unauthorized(401, "AuthenticationFailed",
          what + ": no token could be obtained: " + firstLine(auth.getMessage()), e);
    }
    if (e instanceof ManagementException management) {
      ManagementError error = management.getValue();
      String code = error != null && error.getCode() != null ? error.getCode() : "Unknown";
      String message = error != null && error.getMessage() != null ? error.getMessage() : firstLine(e.getMessage());
      int status = management.getResponse() == null ? 0 : management.getResponse().getStatusCode();
      HttpHeaders headers = management.getResponse() == null ? null : management.getResponse().getHeaders();
      return of(status, code, what + ": " + message, error == null ? null : error.getTarget(), headers, e);
    }
    if (e instanceof BlobStorageException blob) {
      return of(blob.getStatusCode(), String.valueOf(blob.getErrorCode()), what + ": " + firstLine(blob.getServiceMessage()),
          null, blob.getResponse() == null ? null : blob.getResponse().getHeaders(), e);
    }
    if (e instanceof HttpResponseException http && http.getResponse() != null) {
      return of(http.getResponse().getStatusCode(), "Unknown", what + ": " + firstLine(e.getMessage()), null,
          http.getResponse().getHeaders(), e);
    }
    return new AzureException(0, "ClientError", what + ": " + firstLine(String.valueOf(e.getMessage())), null, e);
  }

  /** From a raw response of our own REST clients: ARM's {@code {"error":{...}}} or Graph's. */
  public static AzureException fromResponse(String what, int status, HttpHeaders headers, String body) {
    String code = "Unknown";
    String message = body == null || body.isBlank() ? "(no body)" : firstLine(body);
    String target = null;
    try {
      JsonNode root = body == null || body.isBlank() ? null : JSON.readTree(body);
      JsonNode error = root == null ? null : root.has("error") && root.get("error").isObject() ? root.get("error") : root;
      if (error != null && error.hasNonNull("code")) {
        code = error.get("code").asText();
        message = error.path("message").asText(message);
        target = error.hasNonNull("target") ? error.get("target").asText() : null;
      }
    } catch (java.io.IOException notJson) {
      // keep the first line of the body as the message
    }
    return of(status, code, what + ": " + message, target, headers, null);
  }

  private static AzureException of(int status, String code, String message, String target, HttpHeaders headers,
      Throwable cause) {
    return switch (status) {
      case 400 -> new AzureException.BadRequest(code, message, target, cause);
      case 401, 403 -> new AzureException.Unauthorized(status, code, message, cause);
      case 404 -> new AzureException.NotFound(code, message, target, cause);
      case 409 -> new AzureException.Conflict(code, message, target, cause);
      case 429 -> new AzureException.Throttled(code, message, retryAfterSeconds(headers), cause);
      default -> new AzureException(status, code, message, target, cause);
    };
  }

  static long retryAfterSeconds(HttpHeaders headers) {
    if (headers == null) {
      return -1;
    }
    String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException httpDate) {
      return -1;
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
