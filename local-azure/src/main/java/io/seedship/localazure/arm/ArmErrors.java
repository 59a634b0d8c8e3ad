package io.seedship.localazure.arm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure leaves as ARM's error shape; Graph has its own advice with a higher precedence. */
@RestControllerAdvice
@Order(100)
public class ArmErrors {

  private static final Logger log = LoggerFactory.getLogger(ArmErrors.class);

  @ExceptionHandler(ArmException.class)
  public ResponseEntity<String> arm(ArmException e) {
    return Json.respond(e.status(), Json.error(e.code(), e.getMessage(), e.target()));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  public ResponseEntity<String> noRoute(NoResourceFoundException e) {
    return Json.respond(404, Json.error("InvalidResourceType",
        "The resource path '/" + e.getResourcePath() + "' is not served by local-azure.", null));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  public ResponseEntity<String> method(HttpRequestMethodNotSupportedException e) {
    HttpHeaders headers = new HttpHeaders();
    if (e.getSupportedHttpMethods() != null) {
      headers.setAllow(e.getSupportedHttpMethods());
    }
    return Json.respond(405, Json.error("MethodNotAllowed",
        "The HTTP method '" + e.getMethod() + "' is not supported on this resource.", null), headers);
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class})
  public ResponseEntity<String> unreadable(Exception e) {
    return Json.respond(400, Json.error("InvalidRequestContent",
        "The request content was invalid and could not be deserialized.", null));
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<String> unexpected(Exception e) {
    log.error("local-azure failed on a request", e);
    return Json.respond(500, Json.error("InternalServerError",
        "local-azure hit an unexpected error: " + e.getClass().getSimpleName(), null));
  }
}
