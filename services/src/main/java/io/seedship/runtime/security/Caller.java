package io.seedship.runtime.security;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from the bearer token: a person (delegated token: {@code upn} or {@code preferred_username}) or an
 * application acting as itself ({@code appid}/{@code azp}). What audits record; never the token.
 *
 * @param name     the person's sign-in name, or {@code app:<client id>}
 * @param objectId Entra's object id of the user or service principal ({@code oid})
 * @param appId    the client application that obtained the token
 * @param roles    the Seedship API roles the token carries
 */
public record Caller(String name, String objectId, String appId, List<String> roles) {

  /** The caller of the request being handled on this thread. */
  public static Optional<Caller> current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof JwtAuthenticationToken token) {
      return Optional.of(of(token.getToken()));
    }
    return Optional.empty();
  }

  /** The same, for an endpoint that requires authentication: a missing caller is a configuration error. */
  public static Caller required() {
    return current().orElseThrow(() -> new IllegalStateException("no authenticated caller on this request"));
  }

  /**
   * Who did something, for a command's record: the body may name the person behind a tool, but the signed-in caller
   * is always recorded with it, so the name cannot be borrowed. A person's token: the person (and the claimed name
   * only when it differs); an application's: the claimed name via the application.
   */
  public String attribute(String claimed) {
    boolean person = !name.startsWith("app:");
    if (claimed == null || claimed.isBlank() || (person && claimed.strip().equalsIgnoreCase(name))) {
      return name;
    }
    return claimed.strip() + (person ? " (signed in as " + name + ")" : " (via " + name + ")");
  }

  static Caller of(Jwt jwt) {
    String appId = first(jwt, "appid", "azp");
    String person = first(jwt, "upn", "preferred_username", "unique_name");
    List<String> roles = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of();
    return new Caller(person != null ? person : "app:" + appId, first(jwt, "oid", "sub"), appId, roles);
  }

  private static String first(Jwt jwt, String... claims) {
    for (String claim : claims) {
      String value = jwt.getClaimAsString(claim);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
