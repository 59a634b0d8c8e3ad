package io.seedship.localazure.auth;

import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * ARM and Graph refuse a request without a valid token for them, as Azure does: 401 with a
 * {@code WWW-Authenticate} challenge naming the authority, and the service's own error body. The admin API takes
 * the same ARM token, and then only an app-only one of an admin client ({@code local-azure.admin.client-ids},
 * Seedship's service principal by default): anyone else who can sign in to the local tenant gets ARM's 403.
 */
@Component
@Order(20)
public class BearerTokenFilter extends OncePerRequestFilter {

  private final TokenIssuer tokens;
  private final List<String> adminClientIds;

  public BearerTokenFilter(TokenIssuer tokens, LocalAzureProperties properties) {
    this.tokens = tokens;
    this.adminClientIds = properties.adminClientIds();
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
    boolean graph = area == ServiceAreas.GRAPH;
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(request, response, area, graph ? "InvalidAuthenticationToken" : "AuthenticationFailed",
          graph ? "Access token is empty." : "Authentication failed. The 'Authorization' header is missing.");
      return;
    }
    TokenIssuer.Verification verification = tokens.check(header.substring(7).trim());
    if (verification.expired()) {
      // ARM names expiry apart so clients know to get a new token; Graph keeps its one code
      if (graph) {
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
    String expected = base(request) + (graph ? ServiceAreas.GRAPH_PREFIX : "/");
    if (!TokenIssuer.sameAudience(token.get().audience(), expected)) {
      refuse(request, response, area, "InvalidAuthenticationTokenAudience",
          "The access token has been obtained for the wrong audience or resource '" + token.get().audience()
              + "'. It should exactly match with one of the allowed audiences '" + expected + "'.");
      return;
    }
    if (area == ServiceAreas.ADMIN && !isAdmin(token.get())) {
      AccessToken caller = token.get();
      Json.writeError(response, 403, "AuthorizationFailed", "The client '" + (caller.user()
          ? caller.userPrincipalName() : caller.appId()) + "' with object id '" + caller.objectId() + "' does not have"
          + " authorization to perform action '" + request.getMethod() + "' over scope '" + request.getRequestURI()
          + "': local-azure's admin API takes app-only tokens of the clients in local-azure.admin.client-ids.");
      return;
    }
    request.setAttribute(AccessToken.REQUEST_ATTRIBUTE, token.get());
    chain.doFilter(request, response);
  }

  /** An application acting as itself, not a user signed in through it: the admin is a service, not a person. */
  private boolean isAdmin(AccessToken token) {
    return !token.user() && token.appId() != null
        && adminClientIds.stream().anyMatch(token.appId()::equalsIgnoreCase);
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
