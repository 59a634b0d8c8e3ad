package io.seedship.vault;

import io.seedship.runtime.azure.AzureClients;
import io.seedship.vault.messaging.RememberSeedOnSeedAccepted;
import io.seedship.vault.messaging.RememberStagingOnStagingCompleted;
import io.seedship.vault.messaging.VerifyOnImportJobFinished;
import io.seedship.vault.persistence.VaultSeedRepository;
import io.seedship.vault.verify.VerifyImportWork;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
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
  VerifyOnImportJobFinished verifyOnImportJobFinished() {
    return new VerifyOnImportJobFinished();
  }

  @Bean
  VerifyImportWork verifyImportWork(VaultSeedRepository seeds, AzureClients azure, Clock clock) {
    return new VerifyImportWork(seeds, azure, clock);
  }
}
