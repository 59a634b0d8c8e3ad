package io.seedship.localazure.auth;

import io.seedship.localazure.arm.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * ARM and Graph refuse a request without a valid token for them, as Azure does: 401 with a
 * {@code WWW-Authenticate} challenge naming the authority, and the service's own error body.
 */
@Component
@Order(20)
public class BearerTokenFilter extends OncePerRequestFilter {

  private final TokenIssuer tokens;

  public BearerTokenFilter(TokenIssuer tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ServiceAreas area = ServiceAreas.of(request);
    if (area == ServiceAreas.OTHER) {
      chain.doFilter(request, response);
      return;
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(request, response, area, area == ServiceAreas.ARM ? "AuthenticationFailed" : "InvalidAuthenticationToken",
          area == ServiceAreas.ARM ? "Authentication failed. The 'Authorization' header is missing."
              : "Access token is empty.");
      return;
    }
    TokenIssuer.Verification verification = tokens.check(header.substring(7).trim());
    if (verification.expired()) {
      // ARM names expiry apart so clients know to get a new token; Graph keeps its one code
      if (area == ServiceAreas.GRAPH) {
        refuse(request, response, area, "InvalidAuthenticationToken",
            "Lifetime validation failed, the token is expired.");
      } else {
        refuse(request, response, area, "ExpiredAuthenticationToken", "The access token expiry UTC time '"
            + verification.expiredAt() + "' is earlier than current UTC time '" + Instant.now() + "'.");
      }
      return;
    }
    Optional<AccessToken> token = verification.token();
    if (token.isEmpty()) {
      refuse(request, response, area, "InvalidAuthenticationToken",
          "The access token is invalid: its signature, tenant or expiry does not hold.");
      return;
    }
    String expected = base(request) + (area == ServiceAreas.GRAPH ? ServiceAreas.GRAPH_PREFIX : "/");
    if (!TokenIssuer.sameAudience(token.get().audience(), expected)) {
      refuse(request, response, area, "InvalidAuthenticationTokenAudience",
          "The access token has been obtained for the wrong audience or resource '" + token.get().audience()
              + "'. It should exactly match with one of the allowed audiences '" + expected + "'.");
      return;
    }
    request.setAttribute(AccessToken.REQUEST_ATTRIBUTE, token.get());
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, ServiceAreas area, String code,
      String message) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer authorization_uri=\"" + base(request) + "/"
        + tokens.tenantId() + "\", error=\"invalid_token\", error_description=\"" + message.replace('"', '\'') + "\"");
    Json.writeError(response, 401, code, message);
  }

  private static String base(HttpServletRequest request) {
    return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
  }
}
