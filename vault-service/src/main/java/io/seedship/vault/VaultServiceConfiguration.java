package io.seedship.vault;

import io.seedship.runtime.azure.AzureClients;
import io.seedship.vault.config.VaultProperties;
import io.seedship.vault.messaging.RecordStageOnSeedStatus;
import io.seedship.vault.messaging.RememberSeedOnSeedAccepted;
import io.seedship.vault.messaging.RememberStagingOnStagingCompleted;
import io.seedship.vault.messaging.VerifyOnImportJobFinished;
import io.seedship.vault.persistence.SeedStageStartRepository;
import io.seedship.vault.persistence.VaultRecoveryPointRepository;
import io.seedship.vault.persistence.VaultSeedRepository;
import io.seedship.vault.recovery.AwaitRecoveryPointWork;
import io.seedship.vault.recovery.CompleteSeedWork;
import io.seedship.vault.recovery.VaultCopyCheck;
import io.seedship.vault.verify.VerifyImportWork;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VaultProperties.class)
class VaultServiceConfiguration {

  @Bean
  RememberSeedOnSeedAccepted rememberSeedOnSeedAccepted(VaultSeedRepository seeds) {
    return new RememberSeedOnSeedAccepted(seeds);
  }

  @Bean
  RememberStagingOnStagingCompleted rememberStagingOnStagingCompleted(VaultSeedRepository seeds) {
    return new RememberStagingOnStagingCompleted(seeds);
  }

  @Bean
  RecordStageOnSeedStatus recordStageOnSeedStatus(SeedStageStartRepository starts) {
    return new RecordStageOnSeedStatus(starts);
  }

  @Bean
  VerifyOnImportJobFinished verifyOnImportJobFinished() {
    return new VerifyOnImportJobFinished();
  }

  @Bean
  VerifyImportWork verifyImportWork(VaultSeedRepository seeds, AzureClients azure, Clock clock) {
    return new VerifyImportWork(seeds, azure, clock);
  }

  @Bean
  AwaitRecoveryPointWork awaitRecoveryPointWork(VaultSeedRepository seeds, VaultRecoveryPointRepository points,
                                                AzureClients azure, VaultProperties properties) {
    return new AwaitRecoveryPointWork(seeds, points, azure, properties);
  }

  @Bean
  VaultCopyCheck vaultCopyCheck(VaultRecoveryPointRepository points, AzureClients azure) {
    return new VaultCopyCheck(points, azure);
  }

  @Bean
  CompleteSeedWork completeSeedWork(VaultSeedRepository seeds, VaultRecoveryPointRepository points,
                                    SeedStageStartRepository starts, VaultCopyCheck copyCheck, AzureClients azure,
                                    VaultProperties properties, Clock clock) {
    return new CompleteSeedWork(seeds, points, starts, copyCheck, azure, properties, clock);
  }
}
