package io.seedship.localazure.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Entra's error body, which MSAL turns into MsalServiceException (and azure-identity into
 * ClientAuthenticationException): flat, with the AADSTS code both in the description and in error_codes.
 */
@RestControllerAdvice(basePackageClasses = OAuthErrors.class)
@Order(50)
public class OAuthErrors {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @ExceptionHandler(OAuthException.class)
  public ResponseEntity<String> oauth(OAuthException e, HttpServletRequest request) {
    String timestamp = TIMESTAMP.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String traceId = UUID.randomUUID().toString();
    String correlationId = request.getHeader("client-request-id");
    if (correlationId == null) {
      correlationId = UUID.randomUUID().toString();
    }
    ObjectNode body = Json.object();
    body.put("error", e.error());
    body.put("error_description", "AADSTS" + e.aadsts() + ": " + e.getMessage() + " Trace ID: " + traceId
        + " Correlation ID: " + correlationId + " Timestamp: " + timestamp);
    body.putArray("error_codes").add(e.aadsts());
    body.put("timestamp", timestamp);
    body.put("trace_id", traceId);
    body.put("correlation_id", correlationId);
    body.put("error_uri", TokenEndpoint.base(request) + "/error?code=" + e.aadsts());
    return Json.respond(e.status(), body);
  }
}
