package io.seedship.localazure.arm;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** The request ids Azure returns on every answer, so client logs can be matched with local-azure's. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

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
    chain.doFilter(request, response);
  }
}
