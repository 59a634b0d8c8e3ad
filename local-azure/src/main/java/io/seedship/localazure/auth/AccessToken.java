package io.seedship.localazure.auth;

import java.time.Instant;

/**
 * What a verified bearer token says. {@code user} tokens come from the password grant and carry the signed-in
 * user; {@code app} tokens come from client credentials and carry the application only, as in Entra.
 */
public record AccessToken(String tenantId, String audience, String appId, String objectId, boolean user,
    String userPrincipalName, Instant expiresAt) {

  public static final String REQUEST_ATTRIBUTE = "local-azure.accessToken";
}
