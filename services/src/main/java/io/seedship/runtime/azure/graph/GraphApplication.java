package io.seedship.runtime.azure.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** An Entra application as Graph shows it: object id, application (client) id, name, certificate credentials. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphApplication(String id, String appId, String displayName, List<KeyCredential> keyCredentials) {

  /**
   * A certificate credential as on the wire (binary values are OData Edm.Binary: base64, url-safe or not).
   * {@code key} is the DER certificate, public, returned by Graph only on {@code $select=keyCredentials};
   * {@code customKeyIdentifier} is conventionally its SHA-1 thumbprint.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KeyCredential(String keyId, String displayName, String type, String usage, String customKeyIdentifier,
      OffsetDateTime startDateTime, OffsetDateTime endDateTime, String key) {

    public static KeyCredential certificate(String displayName, byte[] derCertificate, byte[] sha1Thumbprint,
        OffsetDateTime start, OffsetDateTime end) {
      return new KeyCredential(null, displayName, "AsymmetricX509Cert", "Verify",
          Base64.getEncoder().encodeToString(sha1Thumbprint), start, end,
          Base64.getEncoder().encodeToString(derCertificate));
    }

    /** The thumbprint as Windows shows it (uppercase hex), when the identifier holds one. */
    public String thumbprint() {
      return customKeyIdentifier == null ? null : HexFormat.of().withUpperCase().formatHex(decode(customKeyIdentifier));
    }

    static byte[] decode(String base64) {
      return Base64.getUrlDecoder().decode(base64.trim().replace('+', '-').replace('/', '_').replace("=", ""));
    }

    @Override
    public String toString() {
      return "KeyCredential[keyId=" + keyId + ", displayName=" + displayName + ", thumbprint=" + thumbprint()
          + ", end=" + endDateTime + "]";
    }
  }
}
