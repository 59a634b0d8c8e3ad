package io.seedship.cert.preparation;

import io.seedship.contracts.common.Cloud;

/**
 * "Prepare the server for offline backup": for this cloud, tenant, subscription and Azure user, the application and a
 * proven certificate of ours for the backup server, and the server's files for this storage account.
 *
 * @param tenantId null for the tenant cert-service signs in to
 * @param azureUserId null for the configured default user, else the signed-in user
 * @param backupServer null for a server named after the subscription
 */
public record PreparationRequest(Cloud cloud, String tenantId, String subscriptionId, String azureUserId,
                                 String backupServer, String storageAccount, String resourceGroup) {
}
