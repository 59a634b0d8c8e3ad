package io.seedship.localazure.identity;

import io.seedship.localazure.LocalAzureProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks a sign-in as the local tenant's one user ({@code local-azure.user}), for the password grant and for the
 * device flow's verification page alike: AADSTS50034 for an unknown account, 50126 for a wrong password (compared in
 * constant time; it never appears in a message).
 */
final class LocalUser {

  private LocalUser() {
  }

  static void check(LocalAzureProperties properties, String username, String password) {
    LocalAzureProperties.User user = properties.getUser();
    if (!username.equalsIgnoreCase(user.getUserPrincipalName())) {
      throw new OAuthException(400, "invalid_grant", 50034, "The user account " + username + " does not exist in "
          + "the " + properties.getTenantId() + " directory. To sign into this application, the account must be "
          + "added to the directory.");
    }
    if (!MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
        user.getPassword().getBytes(StandardCharsets.UTF_8))) {
      throw new OAuthException(400, "invalid_grant", 50126,
          "Error validating credentials due to invalid username or password.");
    }
  }
}
