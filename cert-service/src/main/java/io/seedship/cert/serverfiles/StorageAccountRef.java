package io.seedship.cert.serverfiles;

import io.seedship.runtime.azure.AzureNames;

/**
 * A storage account the offline seeding data goes through, and its resource group.
 *
 * @param name 3 to 24 lowercase letters or digits
 * @param resourceGroup the account's resource group
 */
public record StorageAccountRef(String name, String resourceGroup) {

  public StorageAccountRef {
    AzureNames.require("storageAccount", name, AzureNames::storageAccount);
    AzureNames.require("resourceGroup", resourceGroup, AzureNames::resourceGroup);
  }
}
