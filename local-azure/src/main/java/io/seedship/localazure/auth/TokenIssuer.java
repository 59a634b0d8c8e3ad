package io.seedship.localazure.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.seedship.localazure.LocalAzureProperties;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies local-azure's access tokens: RS256 JWTs shaped like Entra's v1 access tokens (aud, tid, oid,
 * appid, idtyp, and roles when the caller has app roles on the resource), signed with a key made at startup. They
 * expire in real time, whatever the virtual clock does. The public key is published ({@link #jwks}) for resource
 * servers outside local-azure, as Entra's discovery keys are.
 */
@Component
public class TokenIssuer {

  public static final Duration LIFETIME = Duration.ofHours(1);

  private final RSAKey signingKey;
  private final String tenantId;
  private final String issuer;
  private final Clock clock = Clock.systemUTC();

  public TokenIssuer(LocalAzureProperties properties) {
    this.tenantId = properties.getTenantId();
    this.issuer = "https://sts.local-azure/" + tenantId + "/";
    try {
      this.signingKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make local-azure's token signing key", e);
    }
  }

  public String tenantId() {
    return tenantId;
  }

  /** The tokens' {@code iss}, as discovery publishes it. */
  public String issuer() {
    return issuer;
  }

  /** The public JWK set (the signing key's public half: kid, kty, use sig, alg RS256) as JSON. */
  public String jwks() {
    return new JWKSet(signingKey.toPublicJWK()).toString(true);
  }

  /** A token for an application acting as itself (client credentials). */
  public String issueForApp(String appId, String servicePrincipalId, String audience) {
    return issueForApp(appId, servicePrincipalId, audience, LIFETIME);
  }

  /** The same with another lifetime: a negative one makes a token already expired, for tests of refusal. */
  public String issueForApp(String appId, String servicePrincipalId, String audience, Duration lifetime) {
    return issueForApp(appId, servicePrincipalId, audience, lifetime, List.of());
  }

  /** The same with the app roles the application holds on the audience (no roles claim when empty). */
  public String issueForApp(String appId, String servicePrincipalId, String audience, List<String> roles) {
    return issueForApp(appId, servicePrincipalId, audience, LIFETIME, roles);
  }

  /** An app token with a lifetime (negative: already expired) and app roles (no roles claim when empty). */
  public String issueForApp(String appId, String servicePrincipalId, String audience, Duration lifetime,
      List<String> roles) {
    return issue(audience, appId, servicePrincipalId, "app", null, lifetime, roles);
  }

  /** A token for the signed-in user, through an application (delegated). */
  public String issueForUser(String appId, String userObjectId, String userPrincipalName, String audience) {
    return issueForUser(appId, userObjectId, userPrincipalName, audience, List.of());
  }

  /** The same with the app roles assigned to the user on the audience (no roles claim when empty). */
  public String issueForUser(String appId, String userObjectId, String userPrincipalName, String audience,
      List<String> roles) {
    return issue(audience, appId, userObjectId, "user", userPrincipalName, LIFETIME, roles);
  }

  private String issue(String audience, String appId, String objectId, String type, String upn, Duration lifetime,
      List<String> roles) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now.minusSeconds(300)))
        .expirationTime(Date.from(now.plus(lifetime)))
        .subject(objectId)
        .jwtID(UUID.randomUUID().toString())
        .claim("tid", tenantId)
        .claim("oid", objectId)
        .claim("appid", appId)
        .claim("idtyp", type)
        .claim("ver", "1.0");
    if (upn != null) {
      claims.claim("upn", upn).claim("scp", "user_impersonation");
    }
    if (roles != null && !roles.isEmpty()) {
      claims.claim("roles", List.copyOf(roles));
    }
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
          claims.build());
      jwt.sign(new RSASSASigner(signingKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  /**
   * What a presented token is worth. {@code expiredAt} is set only for a token this issuer signed whose lifetime is
   * over: services answer that case apart (ARM's ExpiredAuthenticationToken), every other flaw alike.
   */
  public record Verification(Optional<AccessToken> token, Instant expiredAt) {

    public boolean expired() {
      return expiredAt != null;
    }
  }

  /** The token's claims when its signature, tenant and expiry hold; empty otherwise. */
  public Optional<AccessToken> verify(String token) {
    return check(token).token();
  }

  /** Checks signature, tenant and expiry (audience is the caller's, as it depends on the service asked). */
  public Verification check(String token) {
    Verification invalid = new Verification(Optional.empty(), null);
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!jwt.verify(new RSASSAVerifier(signingKey.toRSAPublicKey()))) {
        return invalid;
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      if (!tenantId.equals(claims.getStringClaim("tid"))) {
        return invalid;
      }
      Instant expires = claims.getExpirationTime().toInstant();
      if (!expires.isAfter(clock.instant())) {
        return new Verification(Optional.empty(), expires);
      }
      boolean user = "user".equals(claims.getStringClaim("idtyp"));
      return new Verification(Optional.of(new AccessToken(tenantId, claims.getAudience().getFirst(),
          claims.getStringClaim("appid"), claims.getStringClaim("oid"), user, claims.getStringClaim("upn"), expires)),
          null);
    } catch (ParseException | JOSEException | RuntimeException e) {
      return invalid;
    }
  }

  /** Audiences compare like Entra resource ids: case and a trailing slash do not matter. */
  public static boolean sameAudience(String a, String b) {
    return normalize(a).equals(normalize(b));
  }

  private static String normalize(String audience) {
    String lower = audience.toLowerCase(Locale.ROOT);
    return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
