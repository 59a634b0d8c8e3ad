package io.seedship.cert.serverfiles;

import java.util.Optional;

/**
 * The server files' checks of Azure ids and names, as exceptions: the rules themselves live in one place,
 * {@link io.seedship.runtime.azure.AzureNames}.
 */
final class AzureNames {

  private AzureNames() {}

  /** A GUID such as {@code 72f988bf-86f1-41af-91ab-2d7cd011db47}. */
  static String guid(String field, String value) {
    return check(field, value, io.seedship.runtime.azure.AzureNames.guid(value, field));
  }

  static String storageAccount(String name) {
    return check("storageAccount", name, io.seedship.runtime.azure.AzureNames.storageAccount(name));
  }

  static String resourceGroup(String name) {
    return check("resourceGroup", name, io.seedship.runtime.azure.AzureNames.resourceGroup(name));
  }

  private static String check(String field, String value, Optional<String> problem) {
    if (problem.isPresent()) {
      throw new IllegalArgumentException(field + ": " + problem.get());
    }
    return value;
  }
}
