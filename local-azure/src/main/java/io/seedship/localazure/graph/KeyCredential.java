package io.seedship.localazure.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A certificate registered on an application. The certificate itself stays here for client assertions, while
 * Graph's answers carry {@code key: null}, as Graph never returns key material on reads.
 */
public record KeyCredential(String keyId, String customKeyIdentifier, String displayName, Instant startDateTime,
    Instant endDateTime, String type, String usage, X509Certificate certificate) {

  /** Whether this credential may sign a client assertion at {@code now}. */
  public boolean validAt(Instant now) {
    return !now.isBefore(startDateTime) && !now.isAfter(endDateTime);
  }

  public boolean hasSha1Thumbprint(byte[] thumbprint) {
    return Arrays.equals(digest("SHA-1"), thumbprint);
  }

  public boolean hasSha256Thumbprint(byte[] thumbprint) {
    return Arrays.equals(digest("SHA-256"), thumbprint);
  }

  public byte[] digest(String algorithm) {
    return digest(certificate, algorithm);
  }

  static byte[] digest(X509Certificate certificate, String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Graph's JSON for the credential; binary values are OData Edm.Binary, i.e. base64url. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("customKeyIdentifier", customKeyIdentifier);
    node.put("displayName", displayName);
    node.put("endDateTime", endDateTime.toString());
    node.putNull("key");
    node.put("keyId", keyId);
    node.put("startDateTime", startDateTime.toString());
    node.put("type", type);
    node.put("usage", usage);
    return node;
  }

  /** As {@link #toJson()}, with the certificate (public) in {@code key}. */
  public ObjectNode toJsonWithKey() {
    ObjectNode node = toJson();
    try {
      node.put("key", encodeBase64Url(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    return node;
  }

  /** Decodes base64 whichever alphabet and padding the client used (the Azure SDK sends base64url). */
  static byte[] decodeBase64(String value) {
    String normalized = value.trim().replace('+', '-').replace('/', '_').replace("=", "");
    return Base64.getUrlDecoder().decode(normalized);
  }

  static String encodeBase64Url(byte[] value) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }
}
