package io.seedship.staging.intake;

import io.seedship.contracts.command.SeedRequest;
import io.seedship.staging.source.LongPaths;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The longest value each string field of a SeedRequest may have, so that no field can make a command too large for
 * Kafka, a refusal too large to publish, or a message a screenful. Checked first: a field over its limit gets this
 * problem only, its other rules are not run (they would quote it).
 *
 * <table>
 *   <caption>Limits in characters</caption>
 *   <tr><th>field</th><th>at most</th></tr>
 *   <tr><td>stagingLocation, publishSettingsFile, sourcePath</td><td>4096 (Linux's PATH_MAX)</td></tr>
 *   <tr><td>importJobName, subscriptionId, resourceGroup, storageAccount, container, tenantId, azureUserId,
 *       backupServer</td><td>their Azure rule in {@code AzureNames}: 64, 36, 90, 24, 63, 36, 36, 253</td></tr>
 *   <tr><td>location</td><td>64 (an Azure region name such as westeurope)</td></tr>
 *   <tr><td>copyMachine</td><td>128</td></tr>
 *   <tr><td>requestedBy</td><td>256</td></tr>
 *   <tr><td>returnAddress.*: recipientName, streetAddress1, streetAddress2, city, stateOrProvince</td>
 *       <td>256</td></tr>
 *   <tr><td>returnAddress.postalCode / countryOrRegion / phone / email / additionalInformation</td>
 *       <td>32 / 64 / 64 / 254 / 512</td></tr>
 *   <tr><td>returnShipping.carrierName / carrierAccountNumber</td><td>128 / 128</td></tr>
 * </table>
 */
final class FieldLimits {

  /** Fields whose Azure rule already bounds their length; that rule's message names the breach. */
  static final Set<String> AZURE_RULED = Set.of("importJobName", "subscriptionId", "resourceGroup", "storageAccount",
      "container", "tenantId", "azureUserId", "backupServer");

  static final Map<String, Integer> MAX = limits();

  private FieldLimits() {
  }

  private static Map<String, Integer> limits() {
    Map<String, Integer> max = new LinkedHashMap<>();
    int path = LongPaths.MAX_BYTES + 1;
    max.put("stagingLocation", path);
    max.put("publishSettingsFile", path);
    max.put("sourcePath", path);
    max.put("location", 64);
    max.put("copyMachine", 128);
    max.put("requestedBy", 256);
    for (String line : new String[] {"recipientName", "streetAddress1", "streetAddress2", "city", "stateOrProvince"}) {
      max.put("returnAddress." + line, 256);
    }
    max.put("returnAddress.postalCode", 32);
    max.put("returnAddress.countryOrRegion", 64);
    max.put("returnAddress.phone", 64);
    max.put("returnAddress.email", 254);
    max.put("returnAddress.additionalInformation", 512);
    max.put("returnShipping.carrierName", 128);
    max.put("returnShipping.carrierAccountNumber", 128);
    return Map.copyOf(max);
  }

  /** Reports every field over its limit; returns their names (dotted for nested fields). */
  static Set<String> check(SeedRequest request, Problems problems) {
    Set<String> tooLong = new HashSet<>();
    check(request, "", tooLong, problems);
    return tooLong;
  }

  private static void check(GenericRecord record, String prefix, Set<String> tooLong, Problems problems) {
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      String name = prefix + field.name();
      if (value instanceof GenericRecord nested) {
        check(nested, name + ".", tooLong, problems);
      } else if (value instanceof CharSequence text && MAX.containsKey(name) && text.length() > MAX.get(name)) {
        tooLong.add(name);
        problems.add(name, name + " is " + text.length() + " characters long; " + name + " takes at most "
            + MAX.get(name) + " characters. Check that the right value went into " + name);
      }
    }
  }
}
