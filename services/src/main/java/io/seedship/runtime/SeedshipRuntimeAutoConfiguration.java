package io.seedship.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.contracts.Topic;
import io.seedship.contracts.Topics;
import io.seedship.contracts.codec.AvroMessageConverter;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.runtime.config.SeedshipEnvironmentPostProcessor;
import io.seedship.runtime.config.SeedshipProperties;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.messaging.SeedEventDispatcher;
import io.seedship.runtime.messaging.SeedEventPublisher;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.runtime.observability.KafkaHealthIndicator;
import io.seedship.runtime.persistence.EmittedEventRepository;
import io.seedship.runtime.persistence.PersistenceConfiguration;
import io.seedship.runtime.persistence.ProcessedEventRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Everything a Seedship service gets by depending on {@code services}. */
@AutoConfiguration
@EnableConfigurationProperties(SeedshipProperties.class)
@Import({PersistenceConfiguration.class, io.seedship.runtime.azure.AzureConfiguration.class})
public class SeedshipRuntimeAutoConfiguration {

  @Bean
  SeedshipCodec seedshipCodec() {
    return SeedshipCodec.instance();
  }

  /** Picked up by Spring Cloud Stream for {@code application/avro} bindings. */
  @Bean
  AvroMessageConverter avroMessageConverter(SeedshipCodec codec) {
    return new AvroMessageConverter(codec);
  }

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  EventMetadataFactory eventMetadataFactory(SeedshipProperties properties, Clock clock) {
    return new EventMetadataFactory(properties.getServiceName(), clock);
  }

  @Bean
  SeedEventPublisher seedEventPublisher(BinderFactory binders, SeedshipCodec codec, MeterRegistry meters) {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    if (binder.getTransactionalProducerFactory() == null) {
      throw new IllegalStateException("spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix must be set:"
          + " Seedship publishes only in Kafka transactions");
    }
    return new SeedEventPublisher(binder.getTransactionalProducerFactory(), codec, meters);
  }

  @Bean(SeedshipEnvironmentPostProcessor.CONSUMER)
  SeedEventDispatcher seedshipConsumer(ObjectProvider<SeedHandler<?>> handlers, SeedshipProperties properties,
                                       SeedshipCodec codec, SeedEventPublisher publisher,
                                       ProcessedEventRepository processed, EmittedEventRepository emitted,
                                       PlatformTransactionManager transactions, EventMetadataFactory metadata,
                                       MeterRegistry meters, Clock clock) {
    return new SeedEventDispatcher(handlers.orderedStream().toList(), properties.getConsumes(), codec, publisher,
        processed, emitted, new TransactionTemplate(transactions), metadata, meters, clock);
  }

  /** The catalog's topics, created at startup when missing (existing ones are left as they are). */
  @Bean
  KafkaAdmin.NewTopics seedshipTopics(SeedshipProperties properties) {
    List<NewTopic> topics = Topics.ALL.stream().map(t -> newTopic(t, properties.getTopics())).toList();
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }

  private static NewTopic newTopic(Topic topic, SeedshipProperties.Topics settings) {
    int partitions = topic == Topics.DEAD_LETTERS ? 1 : settings.getPartitions();
    TopicBuilder builder = TopicBuilder.name(topic.name()).partitions(partitions)
        .replicas(settings.getReplicationFactor());
    if (topic.compacted()) {
      builder.compact().config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "60000");
    }
    return builder.build();
  }

  @Bean("kafka")
  KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
    return new KafkaHealthIndicator(admin, Duration.ofSeconds(5));
  }
}
