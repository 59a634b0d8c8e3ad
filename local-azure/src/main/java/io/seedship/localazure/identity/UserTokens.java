package io.seedship.localazure.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.seedship.localazure.LocalAzureProperties;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What a user sign-in returns besides the access token, so MSAL can cache the account and refresh silently:
 * an id_token, client_info ({@code uid.utid}) and a refresh token that local-azure remembers in memory.
 */
@Component
public class UserTokens {

  /** Entra refresh tokens live 90 days; a local run never gets close. */
  private static final Duration REFRESH_LIFETIME = Duration.ofDays(90);

  /** Who a refresh token was issued to. */
  public record Grant(String clientId, Instant expiresAt) {
  }

  private final LocalAzureProperties.User user;
  private final String tenantId;
  private final RSAKey idTokenKey;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  public UserTokens(LocalAzureProperties properties) {
    this.user = properties.getUser();
    this.tenantId = properties.getTenantId();
    try {
      this.idTokenKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make local-azure's id token key", e);
    }
  }

  public String idToken(String clientId, String issuer) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(clientId)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
        .subject(UUID.nameUUIDFromBytes((user.getObjectId() + clientId).getBytes(StandardCharsets.UTF_8)).toString())
        .claim("name", user.getDisplayName())
        .claim("oid", user.getObjectId())
        .claim("preferred_username", user.getUserPrincipalName())
        .claim("tid", tenantId)
        .claim("ver", "2.0")
        .build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idTokenKey.getKeyID()).build(),
          claims);
      jwt.sign(new RSASSASigner(idTokenKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an id token", e);
    }
  }

  /** MSAL's account key: base64url JSON of the user's object id and home tenant. */
  public String clientInfo() {
    String json = "{\"uid\":\"" + user.getObjectId() + "\",\"utid\":\"" + tenantId + "\"}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  public String newRefreshToken(String clientId) {
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    String token = "1.local-azure." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    refreshTokens.put(token, new Grant(clientId, clock.instant().plus(REFRESH_LIFETIME)));
    return token;
  }

  /** The grant behind a refresh token issued to {@code clientId}, if it is still good. */
  public Optional<Grant> redeem(String refreshToken, String clientId) {
    Grant grant = refreshTokens.get(refreshToken);
    if (grant == null || !grant.clientId().equalsIgnoreCase(clientId) || clock.instant().isAfter(grant.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(grant);
  }
}
