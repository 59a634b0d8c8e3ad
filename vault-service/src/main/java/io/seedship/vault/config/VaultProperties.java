package io.seedship.vault.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * vault-service's settings ({@code seedship.vault.*}).
 *
 * @param pollInterval       how often the vault is asked whether the backup server's agent made the seed's recovery
 *                           point (its backup jobs, protected item and recovery points)
 * @param recoveryPointLimit how long after the import's end, on Azure's clock, the recovery point may take: the agent
 *                           backs up at least daily, so a week without one means the server is not backing up
 * @param deleteImportedData delete the seed's imported blobs from the storage account (they cost money) once the
 *                           recovery point exists and is checked; never before
 */
@Validated
@ConfigurationProperties("seedship.vault")
public record VaultProperties(@DefaultValue("PT5M") @NotNull Duration pollInterval,
                              @DefaultValue("P7D") @NotNull Duration recoveryPointLimit,
                              @DefaultValue("false") boolean deleteImportedData) {
}
