package io.seedship.localazure.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Graph's rules for {@code keyCredentials} in a POST or PATCH body: the array replaces the whole collection; an
 * entry without {@code key} keeps the existing credential with that keyId (what clients send back after a GET);
 * anything Graph would refuse fails the whole request before anything changes.
 */
final class KeyCredentials {

  static final String TYPE = "AsymmetricX509Cert";
  static final String USAGE = "Verify";
  private static final String PROPERTY = "keyCredentials";

  private KeyCredentials() {
  }

  static List<KeyCredential> parse(JsonNode array, List<KeyCredential> existing) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw GraphException.invalidValue(PROPERTY);
    }
    Map<String, KeyCredential> byKeyId = existing.stream()
        .collect(Collectors.toMap(c -> c.keyId().toLowerCase(), Function.identity()));
    List<KeyCredential> result = new ArrayList<>();
    Set<String> keyIds = new HashSet<>();
    for (JsonNode entry : array) {
      if (!entry.isObject()) {
        throw GraphException.invalidValue(PROPERTY);
      }
      KeyCredential credential = hasText(entry, "key") ? fromCertificate(entry) : kept(entry, byKeyId);
      if (!keyIds.add(credential.keyId().toLowerCase())) {
        throw GraphException.invalidValue(PROPERTY);
      }
      result.add(credential);
    }
    return List.copyOf(result);
  }

  private static KeyCredential kept(JsonNode entry, Map<String, KeyCredential> byKeyId) {
    String keyId = text(entry, "keyId");
    KeyCredential current = keyId == null ? null : byKeyId.get(keyId.toLowerCase());
    if (current == null) {
      // a new credential without its certificate cannot be registered
      throw GraphException.invalidValue(PROPERTY);
    }
    return current;
  }

  private static KeyCredential fromCertificate(JsonNode entry) {
    X509Certificate certificate = certificate(text(entry, "key"));
    String type = text(entry, "type");
    String usage = text(entry, "usage");
    if (!TYPE.equals(type) || !USAGE.equals(usage)) {
      throw GraphException.invalidValue(PROPERTY);
    }
    Instant notBefore = certificate.getNotBefore().toInstant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    Instant start = date(entry, "startDateTime", notBefore);
    Instant end = date(entry, "endDateTime", notAfter);
    if (end.isAfter(notAfter)) {
      throw new GraphException(400, "KeyCredentialsInvalidEndDate", "Key credential end date is invalid.");
    }
    if (!end.isAfter(start)) {
      throw GraphException.invalidValue(PROPERTY);
    }
    String keyId = text(entry, "keyId");
    if (keyId == null) {
      keyId = UUID.randomUUID().toString();
    } else {
      try {
        keyId = UUID.fromString(keyId).toString();
      } catch (IllegalArgumentException e) {
        throw GraphException.invalidValue(PROPERTY);
      }
    }
    String customKeyIdentifier = text(entry, "customKeyIdentifier");
    if (customKeyIdentifier == null) {
      customKeyIdentifier = KeyCredential.encodeBase64Url(KeyCredential.digest(certificate, "SHA-1"));
    }
    return new KeyCredential(keyId, customKeyIdentifier, text(entry, "displayName"),
        start.truncatedTo(ChronoUnit.SECONDS), end.truncatedTo(ChronoUnit.SECONDS), type, usage, certificate);
  }

  private static X509Certificate certificate(String key) {
    try {
      byte[] der = KeyCredential.decodeBase64(key);
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
      throw GraphException.invalidValue(PROPERTY);
    }
  }

  private static Instant date(JsonNode entry, String field, Instant otherwise) {
    String value = text(entry, field);
    if (value == null) {
      return otherwise;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw GraphException.invalidValue(PROPERTY);
    }
  }

  private static boolean hasText(JsonNode entry, String field) {
    return text(entry, field) != null;
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }
}
