package io.seedship.vault.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A seed as vault-service needs it: where its import lands, and what staging wrote (once staged). */
@MappedEntity("vault_seed")
public record VaultSeed(@Id String seedId, String importJobName, String subscriptionId, String resourceGroup,
                        String storageAccount, @MappedProperty("container_name") String container,
                        @Nullable String manifestSha256, @Nullable Long stagedBytes, @Nullable Integer chunkCount,
                        Instant acceptedAt) {

  public VaultSeed staged(String sha256, long bytes, int chunks) {
    return new VaultSeed(seedId, importJobName, subscriptionId, resourceGroup, storageAccount, container, sha256,
        bytes, chunks, acceptedAt);
  }

  /** The seed's folder in the container: the disk-prep agent writes every blob of the seed under it. */
  public String blobPrefix() {
    return seedId + "/";
  }
}
