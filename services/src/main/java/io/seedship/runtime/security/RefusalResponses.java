package io.seedship.runtime.security;

import io.seedship.runtime.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 in the services' problem format, with the {@code WWW-Authenticate} header RFC 6750 asks for: the caller
 * learns what was wrong with the token (never the token itself) and what to ask for.
 */
final class RefusalResponses {

  static final URI UNAUTHENTICATED = URI.create("urn:seedship:problem:unauthenticated");
  static final URI FORBIDDEN = URI.create("urn:seedship:problem:forbidden");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RefusalResponses() {
  }

  static final class Unauthenticated implements AuthenticationEntryPoint {
    private final BearerTokenAuthenticationEntryPoint header = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
        throws IOException {
      header.commence(request, response, e);
      String why = request.getHeader("Authorization") == null ? "the request carries no bearer token"
          : "the bearer token was refused: " + e.getMessage();
      write(response, ProblemResponses.problem(HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, "Authentication required",
          why + "; send an access token for the Seedship API from Entra ID (or local-azure)", List.of()));
    }
  }

  static final class Forbidden implements AccessDeniedHandler {
    private final BearerTokenAccessDeniedHandler header = new BearerTokenAccessDeniedHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
        throws IOException {
      header.handle(request, response, e);
      write(response, forbidden(request.getMethod() + " " + request.getRequestURI(), null));
    }
  }

  /** The 403 body; {@code required} names the role when it is known. */
  static ProblemDetail forbidden(String endpoint, SeedshipRole required) {
    String roles = Caller.current().map(c -> c.roles().isEmpty() ? "no Seedship role" : String.join(", ", c.roles()))
        .orElse("no Seedship role");
    String need = required == null ? "a role that allows it" : "the app role " + required.appRole();
    return ProblemResponses.problem(HttpStatus.FORBIDDEN, FORBIDDEN, "Not allowed", endpoint + " needs " + need
        + "; the token carries " + roles, List.of());
  }

  private static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", String.valueOf(problem.getType()));
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), body);
  }

  /**
   * A refusal by an endpoint's role annotation surfaces inside Spring MVC, where the handler (and so the role it
   * needs) is known: answered here rather than by the filter chain, which could not name the role.
   */
  @RestControllerAdvice
  @Order(Ordered.HIGHEST_PRECEDENCE)
  static class ForbiddenAdvice {
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e, HandlerMethod handler, HttpServletRequest request) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", error_description=\""
              + "The request requires higher privileges than provided by the access token.\"")
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(RefusalResponses.forbidden(request.getMethod() + " " + request.getRequestURI(),
              EndpointRoles.roleOf(handler).orElse(null)));
    }
  }
}
