package io.seedship.runtime.azure;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an ARM resource id names: {@code /subscriptions/<sub>/resourceGroups/<group>/providers/<namespace>/<type>/<name>},
 * whichever API the resource lives in (an import job of Microsoft.ImportExport or Microsoft.DataBox, a storage account).
 * Names compare without case in ARM; they are kept as given.
 *
 * @param name the last segment: the resource's own name
 */
public record ArmId(String subscriptionId, String resourceGroup, String name) {

  private static final Pattern ID = Pattern.compile(
      "(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/[^/]+(?:/[^/]+/[^/]+)+$");

  /** The parts of {@code id}, or empty when it is not an ARM resource id. */
  public static Optional<ArmId> parse(String id) {
    Matcher m = ID.matcher(id == null ? "" : id);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ArmId(m.group(1), m.group(2), id.substring(id.lastIndexOf('/') + 1)));
  }
}
