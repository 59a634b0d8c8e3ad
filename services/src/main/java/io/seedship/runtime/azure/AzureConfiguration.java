package io.seedship.runtime.azure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * One {@link AzureClients} per service, for the cloud in {@code seedship.azure.*}; only services that set
 * {@code seedship.azure.cloud} get it, and it is built at first use so a service starts without Azure reachable.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AzureProperties.class)
public class AzureConfiguration {

  @Bean
  @Lazy
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "seedship.azure", name = "cloud")
  AzureClients azureClients(AzureProperties properties) {
    return AzureClients.create(properties);
  }
}
