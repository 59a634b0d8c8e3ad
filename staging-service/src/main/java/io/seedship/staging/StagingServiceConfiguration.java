package io.seedship.staging;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.runtime.config.SeedshipProperties;
import io.seedship.runtime.messaging.SeedEventPublisher;
import io.seedship.staging.chunks.StagingEstimator;
import io.seedship.staging.chunks.StagingOptions;
import io.seedship.staging.config.StagingProperties;
import io.seedship.staging.intake.FreeSpacePolicy;
import io.seedship.staging.intake.SeedRequestValidator;
import io.seedship.staging.persistence.StagedSeed;
import io.seedship.staging.messaging.AcceptSeedRequest;
import io.seedship.staging.messaging.StageOnApplicationReady;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.writing.StagingJobs;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StagingProperties.class)
class StagingServiceConfiguration {

  @Bean
  StagingOptions stagingOptions(StagingProperties properties) {
    return StagingOptions.builder()
        .chunkTargetBytes(properties.getChunkTargetSize().toBytes())
        .level(properties.getCompressionLevel())
        .threads(properties.getThreads() == 0 ? Runtime.getRuntime().availableProcessors() : properties.getThreads())
        .progressInterval(properties.getProgressInterval())
        .build();
  }

  @Bean
  SeedRequestValidator seedRequestValidator(StagingProperties properties, StagingOptions options,
                                            StagedSeedRepository seeds) {
    StagingEstimator estimator = new StagingEstimator(options);
    return new SeedRequestValidator(estimator::estimate,
        name -> seeds.existsByImportJobNameKey(StagedSeed.jobNameKey(name)),
        new FreeSpacePolicy(properties.getFreeSpaceMargin(), properties.getFreeSpaceReserve().toBytes()));
  }

  @Bean
  AcceptSeedRequest acceptSeedRequest(SeedRequestValidator validator, StagedSeedRepository seeds, Clock clock) {
    return new AcceptSeedRequest(validator, seeds, clock);
  }

  @Bean
  StagingJobs stagingJobs(StagedSeedRepository seeds, SeedEventPublisher publisher,
                          PlatformTransactionManager transactions, StagingOptions options,
                          StagingProperties properties, SeedshipProperties seedship, MeterRegistry meters,
                          Clock clock) {
    return new StagingJobs(seeds, publisher, new TransactionTemplate(transactions), options, instanceId(properties),
        properties.getMaxConcurrentWrites(), properties.getPollInterval(), seedship.getServiceName(), meters, clock);
  }

  @Bean
  StageOnApplicationReady stageOnApplicationReady(StagedSeedRepository seeds, StagingJobs jobs) {
    return new StageOnApplicationReady(seeds, jobs);
  }

  private static String instanceId(StagingProperties properties) {
    if (properties.getInstanceId() != null && !properties.getInstanceId().isBlank()) {
      return properties.getInstanceId();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "staging-service";
    }
  }
}
