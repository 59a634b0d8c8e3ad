package io.seedship.staging.intake;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What Seedship keeps of an Azure publish-settings file (the classic portal's {@code .publishsettings}): its schema
 * version and subscriptions. The file's management certificate (a base64 PKCS#12 with its private key) is a secret:
 * it is checked to be present but never kept, so nothing built from this record can leak it.
 *
 * @param file the file read
 * @param schemaVersion its schema: 1.0 (no SchemaVersion attribute) or 2.0
 * @param subscriptions its subscriptions, in file order; never empty
 */
public record PublishSettings(Path file, SchemaVersion schemaVersion, List<Subscription> subscriptions) {

  public PublishSettings {
    subscriptions = List.copyOf(subscriptions);
  }

  /** The two schemas the Azure portal wrote. */
  public enum SchemaVersion {
    /** No SchemaVersion attribute: the management URL and certificate are on the PublishProfile. */
    V1_0("1.0"),
    /** SchemaVersion="2.0": each Subscription carries its own ServiceManagementUrl and certificate. */
    V2_0("2.0");

    private final String label;

    SchemaVersion(String label) {
      this.label = label;
    }

    /** As written in the file: "1.0" or "2.0". */
    public String label() {
      return label;
    }
  }

  /**
   * One subscription of the file.
   *
   * @param id the subscription id as written (a GUID)
   * @param name its display name; empty when the file gives none
   * @param managementUrl the Service Management endpoint, which also tells the cloud (e.g. management.core.windows.net)
   */
  public record Subscription(String id, String name, URI managementUrl) {
  }

  /**
   * Reads and checks a publish-settings file, with DTDs and external entities refused.
   *
   * @throws PublishSettingsException naming the file and what is wrong: not a regular file (a device, fifo or socket
   *     is refused without being opened), over 4 MiB, unreadable, not XML, no PublishData root,
   *     unknown SchemaVersion, no subscription, a subscription without id, URL or certificate
   */
  public static PublishSettings read(Path file) throws PublishSettingsException {
    return PublishSettingsParser.parse(file);
  }

  /** The subscription with this id; ids are GUIDs, so the comparison ignores case. */
  public Optional<Subscription> subscription(String id) {
    return subscriptions.stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
  }

  /** The subscription ids, in file order. */
  public List<String> subscriptionIds() {
    return subscriptions.stream().map(Subscription::id).toList();
  }
}
