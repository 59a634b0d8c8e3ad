package io.seedship.localazure.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.seedship.localazure.graph.KeyCredential;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Checks a client assertion (RFC 7523 JWT) as Entra does for certificate credentials: the header's thumbprint
 * names a certificate registered on the application, that certificate's key made the signature, and the claims
 * are for this client, this token endpoint and now.
 */
@Component
public class ClientAssertions {

  /** Entra tolerates five minutes of clock difference on assertions. */
  static final Duration SKEW = Duration.ofMinutes(5);
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256);
  private static final String DOCS = " Review the documentation at "
      + "https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .";

  private final Clock clock = Clock.systemUTC();

  /**
   * Verifies {@code assertion} for {@code clientId} against its registered certificates; {@code tokenEndpoint} is the
   * URL the client posted to. Throws the OAuthException Entra would answer with.
   */
  public void verify(String assertion, String clientId, List<KeyCredential> credentials, String tokenEndpoint) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(assertion);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw malformed("JWT token is invalid or malformed.");
    }
    JWSHeader header = jwt.getHeader();
    if (!ALGORITHMS.contains(header.getAlgorithm())) {
      throw malformed("JWT token is invalid or malformed: the signing algorithm '" + header.getAlgorithm()
          + "' is not supported for client assertions.");
    }
    KeyCredential credential = credential(header, clientId, credentials);
    verifySignature(jwt, credential, clientId);
    Instant now = clock.instant();
    if (!credential.validAt(now)) {
      throw keyProblem("The key used is expired.", credential.digest("SHA-1"), clientId);
    }
    checkClaims(claims, clientId, tokenEndpoint, now);
  }

  private KeyCredential credential(JWSHeader header, String clientId, List<KeyCredential> credentials) {
    Base64URL sha256 = header.getX509CertSHA256Thumbprint();
    @SuppressWarnings("deprecation")
    Base64URL sha1 = header.getX509CertThumbprint();
    if (sha256 == null && sha1 == null) {
      throw OAuthException.invalidClient(700027, "Client assertion contains an invalid signature. [Reason - "
          + "The key was not found., Thumbprint of key used by client: 'None']");
    }
    byte[] thumbprint = decode(sha256 != null ? sha256 : sha1);
    Predicate<KeyCredential> matches = sha256 != null
        ? c -> c.hasSha256Thumbprint(thumbprint)
        : c -> c.hasSha1Thumbprint(thumbprint);
    Optional<KeyCredential> found = credentials.stream().filter(matches).findFirst();
    return found.orElseThrow(() -> keyProblem("The key was not found.", thumbprint, clientId));
  }

  private static void verifySignature(SignedJWT jwt, KeyCredential credential, String clientId) {
    boolean valid;
    try {
      valid = credential.certificate().getPublicKey() instanceof RSAPublicKey key
          && jwt.verify(new RSASSAVerifier(key));
    } catch (JOSEException e) {
      valid = false;
    }
    if (!valid) {
      throw keyProblem("The provided signature value did not match the expected signature value.",
          credential.digest("SHA-1"), clientId);
    }
  }

  private static void checkClaims(JWTClaimsSet claims, String clientId, String tokenEndpoint, Instant now) {
    if (!clientId.equalsIgnoreCase(claims.getIssuer()) || !clientId.equalsIgnoreCase(claims.getSubject())) {
      throw OAuthException.invalidClient(700021,
          "Client assertion application identifier doesn't match 'client_id' parameter." + DOCS);
    }
    List<String> audiences = claims.getAudience();
    if (audiences == null || audiences.stream().noneMatch(a -> sameEndpoint(a, tokenEndpoint))) {
      throw OAuthException.invalidClient(50012, "Client assertion audience claim does not match Realm issuer."
          + " Expected '" + tokenEndpoint + "'." + DOCS);
    }
    if (claims.getExpirationTime() == null || claims.getJWTID() == null || claims.getJWTID().isBlank()) {
      throw malformed("JWT token is invalid or malformed: 'exp' and 'jti' are required in a client assertion.");
    }
    Instant expires = claims.getExpirationTime().toInstant();
    Instant notBefore = claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().toInstant();
    if (expires.plus(SKEW).isBefore(now) || (notBefore != null && notBefore.minus(SKEW).isAfter(now))) {
      throw OAuthException.invalidClient(700024, "Client assertion is not within its valid time range. Current time: "
          + now + ", assertion valid from " + (notBefore == null ? "(unset)" : notBefore)
          + ", expiry time of assertion " + expires + "." + DOCS);
    }
  }

  /** The assertion's audience is the token endpoint's URL; a trailing slash and letter case do not matter. */
  static boolean sameEndpoint(String audience, String tokenEndpoint) {
    return trim(audience).equalsIgnoreCase(trim(tokenEndpoint));
  }

  private static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** MSAL sends x5t#S256 in standard base64 with padding, the JOSE spec says base64url: accept both. */
  private static byte[] decode(Base64URL value) {
    String text = value.toString().trim().replace('+', '-').replace('/', '_').replace("=", "");
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static OAuthException keyProblem(String reason, byte[] thumbprint, String clientId) {
    return OAuthException.invalidClient(700027, "Client assertion contains an invalid signature. [Reason - " + reason
        + ", Thumbprint of key used by client: '" + HexFormat.of().withUpperCase().formatHex(thumbprint)
        + "', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '"
        + clientId + "'.]");
  }

  private static OAuthException malformed(String description) {
    return OAuthException.invalidClient(50027, description);
  }
}
