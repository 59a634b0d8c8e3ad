package io.seedship.localazure.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@code scope} parameter: MSAL always adds {@code openid profile offline_access}, which name no
 * resource; what remains names the resource whose URI becomes the token's audience.
 */
final class Scopes {

  private static final Set<String> OIDC = Set.of("openid", "profile", "offline_access", "email");
  static final String DEFAULT = "/.default";

  private Scopes() {
  }

  static List<String> resourceScopes(String scope) {
    if (scope == null) {
      return List.of();
    }
    return Arrays.stream(scope.trim().split("\\s+"))
        .filter(s -> !s.isEmpty() && !OIDC.contains(s.toLowerCase(Locale.ROOT)))
        .toList();
  }

  /** The resource of a scope: {@code https://r/.default} and {@code https://r/User.Read} both name {@code https://r}. */
  static String resourceOf(String scope) {
    if (scope.toLowerCase(Locale.ROOT).endsWith(DEFAULT)) {
      return scope.substring(0, scope.length() - DEFAULT.length());
    }
    int slash = scope.lastIndexOf('/');
    return slash > "https://".length() ? scope.substring(0, slash) : scope;
  }
}
