package io.seedship.importmonitor;

import io.seedship.importmonitor.config.ImportMonitorProperties;
import io.seedship.importmonitor.copylog.ReadCopyLogWork;
import io.seedship.importmonitor.messaging.WatchJobOnImportJobCreated;
import io.seedship.importmonitor.persistence.WatchStore;
import io.seedship.importmonitor.watch.ImportJobPoller;
import io.seedship.importmonitor.watch.ReadBudget;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.AzureProperties;
import io.seedship.runtime.config.SeedshipProperties;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.work.WorkQueue;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportMonitorProperties.class)
class ImportMonitorConfiguration {

  @Bean
  WatchStore watchStore(JdbcTemplate jdbc) {
    return new WatchStore(jdbc);
  }

  @Bean
  WatchJobOnImportJobCreated watchJobOnImportJobCreated(WatchStore store, Clock clock) {
    return new WatchJobOnImportJobCreated(store, clock);
  }

  @Bean
  ReadBudget readBudget(ImportMonitorProperties settings, Clock clock) {
    return new ReadBudget(settings.readBudget(), settings.budgetShare(), settings.budgetReserve(),
        settings.budgetPause(), clock);
  }

  /** The runtime's clients, plus the policy that counts ARM reads and reads Azure's remaining-reads header. */
  @Bean
  @Lazy
  @ConditionalOnProperty(prefix = "seedship.azure", name = "cloud")
  AzureClients azureClients(AzureProperties properties, ReadBudget budget) {
    return AzureClients.create(properties, null, List.of(budget));
  }

  @Bean
  @ConditionalOnProperty(prefix = "seedship.azure", name = "cloud")
  ImportJobPoller importJobPoller(WatchStore store, AzureClients azure, CommandGateway events, WorkQueue work,
                                  EventMetadataFactory metadata, PlatformTransactionManager transactions,
                                  ImportMonitorProperties settings, ReadBudget budget, Clock clock,
                                  SeedshipProperties seedship) {
    return new ImportJobPoller(store, azure, events, work, metadata, new TransactionTemplate(transactions), settings,
        budget, clock, seedship.getInstanceId());
  }

  @Bean
  @ConditionalOnProperty(prefix = "seedship.azure", name = "cloud")
  ReadCopyLogWork readCopyLogWork(WatchStore store, AzureClients azure) {
    return new ReadCopyLogWork(store, azure);
  }
}
