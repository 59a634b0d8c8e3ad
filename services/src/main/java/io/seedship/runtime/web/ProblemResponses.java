package io.seedship.runtime.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one shape every Seedship service answers a refused request with: RFC 9457 {@code application/problem+json},
 * {@code {"type","title","status","detail","problems":[{"field","message"}]}}, every problem naming its field.
 * The web layer's own refusals (JSON that does not bind, a body too large) and a service's rules (a seed request's
 * validation) come out alike, so a client reads one format.
 */
public final class ProblemResponses {

  /** The extension member that lists the problems, each {@code {"field","message"}}. */
  public static final String PROBLEMS = "problems";
  /** The request does not bind or breaks a rule: 400. */
  public static final URI INVALID_REQUEST = URI.create("urn:seedship:problem:invalid-request");
  /** The request body is larger than the service takes: 413. */
  public static final URI REQUEST_TOO_LARGE = URI.create("urn:seedship:problem:request-too-large");

  private ProblemResponses() {
  }

  /** A problem detail with its problems; {@code problems} may be empty but is always present. */
  public static ProblemDetail problem(HttpStatusCode status, URI type, String title, String detail,
                                      List<FieldProblem> problems) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    problem.setProperty(PROBLEMS, problems.stream()
        .map(p -> Map.of("field", p.field() == null ? FieldProblem.BODY : p.field(), "message", p.message()))
        .toList());
    return problem;
  }

  /** 400 with these problems: the answer for a request that breaks a service's rules. */
  public static ResponseEntity<ProblemDetail> badRequest(String title, String detail, List<FieldProblem> problems) {
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, title, detail, problems));
  }
}
