package io.seedship.localazure.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.graph.TestCertificate;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Raw calls to the token endpoint and client assertions built by hand, to check Entra's answers exactly. */
final class TokenRequests {

  record Reply(int status, JsonNode body) {
    String error() {
      return body.at("/error").asText();
    }

    int code() {
      return body.at("/error_codes/0").asInt();
    }
  }

  private final LocalAzure azure;
  private final HttpClient client;

  TokenRequests(LocalAzure azure) {
    this.azure = azure;
    this.client = HttpClient.newBuilder().sslContext(azure.certificates().sslContext()).build();
  }

  String endpoint(String tenant) {
    return azure.authorityHost() + tenant + "/oauth2/v2.0/token";
  }

  String tenant() {
    return azure.properties().getTenantId();
  }

  Reply post(String tenant, Map<String, String> form) {
    return postForm(endpoint(tenant), form);
  }

  /** A form POSTed to {@code url} (absolute), as a browser or MSAL sends it. */
  Reply postForm(String url, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(azure.armEndpoint() + path)).GET().build());
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), Json.MAPPER.readTree(response.body()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The form MSAL sends for a certificate credential, with an assertion for {@code clientId}. */
  Map<String, String> assertionForm(String clientId, String assertion, String scope) {
    return Map.of("grant_type", "client_credentials", "client_id", clientId, "client_info", "1",
        "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion", assertion, "scope", scope + " openid profile offline_access");
  }

  /** An assertion as MSAL builds it (RS256, x5t#S256, aud = token endpoint, nbf/exp, jti), then adjusted. */
  static String assertion(TestCertificate certificate, String clientId, String audience, JWSAlgorithm algorithm,
      Consumer<JWSHeader.Builder> header, Consumer<JWTClaimsSet.Builder> claims) {
    Instant now = Instant.now();
    JWSHeader.Builder headerBuilder = new JWSHeader.Builder(algorithm)
        .x509CertSHA256Thumbprint(Base64URL.encode(certificate.thumbprint("SHA-256")));
    header.accept(headerBuilder);
    JWTClaimsSet.Builder claimsBuilder = new JWTClaimsSet.Builder()
        .audience(audience).issuer(clientId).subject(clientId).jwtID(UUID.randomUUID().toString())
        .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    claims.accept(claimsBuilder);
    try {
      SignedJWT jwt = new SignedJWT(headerBuilder.build(), claimsBuilder.build());
      jwt.sign(new RSASSASigner(certificate.privateKey()));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
