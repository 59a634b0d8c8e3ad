package io.seedship.staging;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.runtime.config.SeedshipProperties;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.staging.chunks.StagingEstimate;
import io.seedship.staging.chunks.StagingEstimator;
import io.seedship.staging.intake.Estimate;
import io.seedship.staging.intake.SizeEstimator;
import io.seedship.staging.source.DirectoryTreeSource;
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
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StagingProperties.class)
class StagingServiceConfiguration {

  @Bean
  StagingOptions stagingOptions(StagingProperties properties) {
    return StagingOptions.defaults()
        .withChunkTargetBytes(properties.getChunkTargetSize().toBytes())
        .withZstdLevel(properties.getCompressionLevel())
        .withThreads(properties.getThreads() == 0 ? Runtime.getRuntime().availableProcessors() : properties.getThreads())
        .withProgressInterval(properties.getProgressInterval());
  }

  @Bean
  SeedRequestValidator seedRequestValidator(StagingProperties properties, StagingOptions options,
                                            StagedSeedRepository seeds) {
    StagingEstimator estimator = new StagingEstimator(options);
    // the intake estimate: sampled compression over the source tree (local mode: a directory)
    SizeEstimator estimate = source -> {
      StagingEstimate e = estimator.estimate(new DirectoryTreeSource(source));
      return new Estimate(e.sourceBytes(), e.fileCount(), e.estimatedStagedBytes());
    };
    return new SeedRequestValidator(estimate,
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
                          Clock clock, Environment environment) {
    return new StagingJobs(seeds, publisher, new TransactionTemplate(transactions), options, instanceId(environment),
        properties.getMaxConcurrentWrites(), properties.getPollInterval(), seedship.getServiceName(), meters, clock);
  }

  @Bean
  StageOnApplicationReady stageOnApplicationReady(StagedSeedRepository seeds, StagingJobs jobs) {
    return new StageOnApplicationReady(seeds, jobs);
  }

  /**
   * The owner of the writes this instance claims, which it resumes after a restart: {@code seedship.instance-id} (the
   * replica's stable name), else the host name.
   */
  private static String instanceId(Environment environment) {
    String configured = environment.getProperty("seedship.instance-id");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "staging-service";
    }
  }
}
