package io.seedship.localazure.arm;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request ids Azure returns on every answer, so client logs can be matched with local-azure's; and the last
 * {@value #KEPT} requests served (method and path, no query, no body), for a test to see what a client asked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

  /** One request served: when, its method and its path. */
  public record Served(Instant at, String method, String path) {
  }

  static final int KEPT = 10_000;
  private final Deque<Served> served = new ConcurrentLinkedDeque<>();
  private final java.util.concurrent.atomic.AtomicInteger size = new java.util.concurrent.atomic.AtomicInteger();

  /** The requests served at or after {@code since}, oldest first (at most the last {@value #KEPT}). */
  public List<Served> servedSince(Instant since) {
    return served.stream().filter(s -> !s.at().isBefore(since)).toList();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String requestId = UUID.randomUUID().toString();
    String correlation = request.getHeader("x-ms-correlation-request-id");
    response.setHeader("x-ms-request-id", requestId);
    response.setHeader("x-ms-correlation-request-id", correlation != null ? correlation : requestId);
    String clientRequestId = request.getHeader("x-ms-client-request-id");
    if (clientRequestId != null) {
      response.setHeader("x-ms-client-request-id", clientRequestId);
    }
    served.addLast(new Served(Instant.now(), request.getMethod(), request.getRequestURI()));
    if (size.incrementAndGet() > KEPT && served.pollFirst() != null) {
      size.decrementAndGet();
    }
    chain.doFilter(request, response);
  }
}
