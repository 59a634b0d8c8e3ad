package io.seedship.vault.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** The seed's recovery point in the vault, and the restore operation that checks it (local-azure only). */
@MappedEntity("vault_recovery_point")
public record VaultRecoveryPoint(@Id String seedId, String vaultId, String backupServer, String protectedItemId,
                                 String recoveryPointId, Instant recoveryPointTime,
                                 @Nullable String restoreOperation) {

  public VaultRecoveryPoint restoring(String operation) {
    return new VaultRecoveryPoint(seedId, vaultId, backupServer, protectedItemId, recoveryPointId, recoveryPointTime,
        operation);
  }
}
