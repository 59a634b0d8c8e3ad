package io.seedship.cert.preparation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The ResourceId in the certificate subject {@code CB_AzureADCertforOfflineSeeding_<ResourceId>}. On a real backup
 * server it is the id the Recovery Services vault gave the server when it registered (MARS keeps it in the registry
 * beside the thumbprint entry). Seedship does not register servers yet, so it derives a stable one: the first 63 bits
 * of SHA-256 over subscription and server name, in decimal. The same server always gets the same certificate subject;
 * once vault registration is in Seedship, the registered id replaces this one.
 */
public final class ResourceIds {

  private ResourceIds() {
  }

  public static String of(String subscriptionId, String serverName) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (subscriptionId.toLowerCase(Locale.ROOT) + "/" + serverName.toLowerCase(Locale.ROOT))
              .getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (digest[i] & 0xff);
      }
      return Long.toString(value & Long.MAX_VALUE);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
