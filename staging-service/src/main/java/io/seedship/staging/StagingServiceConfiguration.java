package io.seedship.staging;

import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.staging.intake.AllowedRoots;
import io.seedship.staging.md5.BlockMd5s;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
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
import io.seedship.staging.messaging.CancelStagingOnCancelSeed;
import io.seedship.staging.messaging.StageOnApplicationReady;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.work.CheckSourceWork;
import io.seedship.staging.work.StagingWriteWork;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StagingProperties.class)
class StagingServiceConfiguration {

  @Bean
  StagingOptions stagingOptions(StagingProperties properties) {
    // an operator wondering why staging is slower on one host than another looks here first
    LoggerFactory.getLogger(StagingServiceConfiguration.class).info("staging: file hash {}, block MD5s on {}",
        properties.getFileHash(), BlockMd5s.create(StagingOptions.DEFAULT_BLOCK_BYTES).description());
    return StagingOptions.defaults()
        .withChunkTargetBytes(properties.getChunkTargetSize().toBytes())
        .withZstdLevel(properties.getCompressionLevel())
        .withThreads(properties.getThreads() == 0 ? Runtime.getRuntime().availableProcessors() : properties.getThreads())
        .withProgressInterval(properties.getProgressInterval())
        .withFileHash(properties.getFileHash());
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
    AllowedRoots roots = AllowedRoots.of(properties.getAllowedRoots());
    if (roots.unrestricted()) {
      LoggerFactory.getLogger(StagingServiceConfiguration.class).warn("seedship.staging.allowed-roots is not set: a "
          + "seed request may name any path this service can read or write; set it to the staging and source areas");
    }
    return new SeedRequestValidator(estimate,
        name -> seeds.existsByImportJobNameKey(StagedSeed.jobNameKey(name)),
        new FreeSpacePolicy(properties.getFreeSpaceMargin(), properties.getFreeSpaceReserve().toBytes()), roots);
  }

  @Bean
  AcceptSeedRequest acceptSeedRequest(SeedRequestValidator validator, StagedSeedRepository seeds, Clock clock) {
    return new AcceptSeedRequest(validator, seeds, clock);
  }

  @Bean
  CheckSourceWork checkSourceWork(SeedRequestValidator validator, StagedSeedRepository seeds) {
    return new CheckSourceWork(validator, seeds);
  }

  @Bean
  StagingWriteWork stagingWriteWork(StagedSeedRepository seeds, StagingOptions options, StagingProperties properties,
                                    MeterRegistry meters, Clock clock) {
    return new StagingWriteWork(seeds, options, properties.getMaxConcurrentWrites(), meters, clock);
  }

  @Bean
  StageOnApplicationReady stageOnApplicationReady(StagedSeedRepository seeds) {
    return new StageOnApplicationReady(seeds);
  }

  @Bean
  CancelStagingOnCancelSeed cancelStagingOnCancelSeed(StagedSeedRepository seeds, SeedCancellations cancellations,
                                                      Clock clock) {
    return new CancelStagingOnCancelSeed(seeds, cancellations, clock);
  }
}
