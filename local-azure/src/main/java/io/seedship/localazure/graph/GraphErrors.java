package io.seedship.localazure.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Graph controllers fail in Graph's shape, not ARM's: clients (OdataErrorMainException) read the same
 * {@code error.code/message}, but tools and people expect Graph's {@code innerError} with the request ids.
 */
@RestControllerAdvice(basePackageClasses = GraphErrors.class)
@Order(50)
public class GraphErrors {

  private static final Logger log = LoggerFactory.getLogger(GraphErrors.class);

  @ExceptionHandler(GraphException.class)
  public ResponseEntity<String> graph(GraphException e, HttpServletRequest request, HttpServletResponse response) {
    return Json.respond(e.status(), body(e.code(), e.getMessage(), request, response));
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class})
  public ResponseEntity<String> unreadable(Exception e, HttpServletRequest request, HttpServletResponse response) {
    return Json.respond(400, body("BadRequest", "Unable to read JSON request payload. Please ensure Content-Type "
        + "header is set and payload is of valid JSON format.", request, response));
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<String> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
    log.error("local-azure Graph failed on a request", e);
    return Json.respond(500, body("UnknownError", "local-azure hit an unexpected error: "
        + e.getClass().getSimpleName(), request, response));
  }

  static ObjectNode body(String code, String message, HttpServletRequest request, HttpServletResponse response) {
    String requestId = response.getHeader("x-ms-request-id");
    String clientRequestId = request.getHeader("client-request-id");
    if (clientRequestId == null) {
      clientRequestId = request.getHeader("x-ms-client-request-id");
    }
    ObjectNode inner = Json.object();
    inner.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    inner.put("request-id", requestId != null ? requestId : UUID.randomUUID().toString());
    inner.put("client-request-id", clientRequestId != null ? clientRequestId : requestId);
    ObjectNode error = Json.object();
    error.put("code", code);
    error.put("message", message);
    error.set("innerError", inner);
    ObjectNode root = Json.object();
    root.set("error", error);
    return root;
  }
}
