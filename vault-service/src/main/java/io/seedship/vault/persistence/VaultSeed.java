package io.seedship.vault.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/**
 * A seed as vault-service needs it: where its import lands and which server backs it up (from SeedAccepted), what
 * staging wrote (StagingCompleted), and what the import verification read back.
 */
@MappedEntity("vault_seed")
public record VaultSeed(@Id String seedId, String importJobName, String subscriptionId, String resourceGroup,
                        String storageAccount, @MappedProperty("container_name") String container,
                        @Nullable String backupServer, @Nullable String manifestSha256, @Nullable Long stagedBytes,
                        @Nullable Integer chunkCount, Instant acceptedAt, @Nullable Long importedBytes,
                        @Nullable Integer importedBlobs, @Nullable Instant recoveryWatchFrom) {

  public VaultSeed staged(String sha256, long bytes, int chunks) {
    return new VaultSeed(seedId, importJobName, subscriptionId, resourceGroup, storageAccount, container,
        backupServer, sha256, bytes, chunks, acceptedAt, importedBytes, importedBlobs, recoveryWatchFrom);
  }

  public VaultSeed imported(long bytes, int blobs) {
    return new VaultSeed(seedId, importJobName, subscriptionId, resourceGroup, storageAccount, container,
        backupServer, manifestSha256, stagedBytes, chunkCount, acceptedAt, bytes, blobs, recoveryWatchFrom);
  }

  public VaultSeed watchingFrom(Instant azureNow) {
    return new VaultSeed(seedId, importJobName, subscriptionId, resourceGroup, storageAccount, container,
        backupServer, manifestSha256, stagedBytes, chunkCount, acceptedAt, importedBytes, importedBlobs, azureNow);
  }

  /** The seed's folder in the container: the disk-prep agent writes every blob of the seed under it. */
  public String blobPrefix() {
    return seedId + "/";
  }

  /** ARM id of the storage account the import wrote into. */
  public String storageAccountId() {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.Storage/storageAccounts/" + storageAccount;
  }
}
