package io.seedship.runtime.web;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every Seedship service's answer to a request it cannot take, in the one problem format of
 * {@link ProblemResponses}: JSON that does not bind (malformed, a wrong type, an unknown field, a value outside an
 * enum) is a 400 naming the field and the rule; a body over the limit a 413 naming it; the rest of Spring MVC's
 * refusals (405, 415, ...) keep their status and get the same shape. A controller's own handlers still come first.
 */
@RestControllerAdvice
public class SeedshipProblemAdvice extends ResponseEntityExceptionHandler {

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                HttpHeaders headers, HttpStatusCode status,
                                                                WebRequest request) {
    RequestBodyTooLargeException tooLarge = cause(ex, RequestBodyTooLargeException.class);
    if (tooLarge != null) {
      ProblemDetail body = ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE, ProblemResponses.REQUEST_TOO_LARGE,
          "Request body too large", tooLarge.getMessage(), List.of(new FieldProblem(FieldProblem.BODY,
              tooLarge.getMessage() + "; send a smaller request")));
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).headers(headers).body(body);
    }
    FieldProblem problem = JsonInputProblems.of(ex).orElseGet(() -> new FieldProblem(FieldProblem.BODY,
        ex.getMostSpecificCause() == ex && String.valueOf(ex.getMessage()).startsWith("Required request body")
            ? "the request body is missing; send a JSON object"
            : "the request body cannot be read; send a JSON object"));
    ProblemDetail body = ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemResponses.INVALID_REQUEST,
        "Invalid request", problem.message(), List.of(problem));
    return ResponseEntity.badRequest().headers(headers).body(body);
  }

  /** Bean-validation failures of a {@code @Valid} argument: one problem per field error. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                HttpHeaders headers, HttpStatusCode status,
                                                                WebRequest request) {
    List<FieldProblem> problems = ex.getBindingResult().getFieldErrors().stream()
        .map(e -> new FieldProblem(e.getField(), e.getField() + " " + e.getDefaultMessage())).toList();
    ProblemDetail body = ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemResponses.INVALID_REQUEST,
        "Invalid request", problems.size() + (problems.size() == 1 ? " problem" : " problems"), problems);
    return ResponseEntity.badRequest().headers(headers).body(body);
  }

  /** The framework's other refusals keep Spring's problem detail and gain an (empty) problem list. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                           HttpStatusCode statusCode, WebRequest request) {
    ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
    if (response != null && response.getBody() instanceof ProblemDetail detail && (detail.getProperties() == null
        || !detail.getProperties().containsKey(ProblemResponses.PROBLEMS))) {
      detail.setProperty(ProblemResponses.PROBLEMS, List.of());
    }
    return response;
  }

  private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
