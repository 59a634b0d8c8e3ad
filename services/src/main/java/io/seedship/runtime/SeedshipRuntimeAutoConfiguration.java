package io.seedship.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.contracts.Topic;
import io.seedship.contracts.Topics;
import io.seedship.contracts.codec.AvroMessageConverter;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.config.SeedshipEnvironmentPostProcessor;
import io.seedship.runtime.config.SeedshipProperties;
import org.springframework.core.env.Environment;
import io.seedship.runtime.kafka.DeadLetters;
import io.seedship.runtime.kafka.OutboxRelay;
import io.seedship.runtime.kafka.SeedEventDispatcher;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.runtime.observability.KafkaHealthIndicator;
import io.seedship.runtime.outbox.Outbox;
import io.seedship.runtime.persistence.EmittedEventRepository;
import io.seedship.runtime.persistence.PersistenceConfiguration;
import io.seedship.runtime.persistence.ProcessedEventRepository;
import io.seedship.runtime.replay.ReplayController;
import io.seedship.runtime.persistence.Retention;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkQueue;
import io.seedship.runtime.work.WorkRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;
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
                                       MeterRegistry meters, Clock clock, WorkQueue work, WorkRunner runner,
                                       Environment env) {
    return new SeedEventDispatcher(handlers.orderedStream().toList(), properties.getConsumes(), codec, publisher,
        processed, emitted, new TransactionTemplate(transactions), metadata, meters, clock,
        new SeedEventDispatcher.WorkScheduling() {
          @Override
          public boolean knows(String kind) {
            return runner.kinds().contains(kind);
          }

          @Override
          public void enqueue(String kind, org.apache.avro.specific.SpecificRecord input) {
            work.enqueue(kind, input);
          }

          @Override
          public void cancel(String seedId) {
            work.cancelSeed(seedId);
          }
        }, SeedshipEnvironmentPostProcessor.consumerGroup(env));
  }

  /** What a replay would do here, for {@code seedship replay} (SREs). */
  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  ReplayController seedshipReplayController(SeedEventDispatcher dispatcher, ProcessedEventRepository processed,
                                            SeedshipProperties properties) {
    return new ReplayController(dispatcher, processed, properties.getServiceName(),
        properties.getConsumes());
  }

  @Bean
  Outbox outbox(JdbcTemplate jdbc, SeedshipCodec codec, Clock clock) {
    return new Outbox(jdbc, codec, clock);
  }

  @Bean
  CommandGateway commandGateway(Outbox outbox, PlatformTransactionManager transactions) {
    return new CommandGateway(outbox, new TransactionTemplate(transactions));
  }

  @Bean
  OutboxRelay outboxRelay(Outbox outbox, SeedEventPublisher publisher, PlatformTransactionManager transactions) {
    return new OutboxRelay(outbox, publisher, new TransactionTemplate(transactions), Duration.ofMillis(500));
  }

  @Bean
  SeedCancellations seedCancellations(JdbcTemplate jdbc) {
    return new SeedCancellations(jdbc);
  }

  @Bean
  WorkQueue workQueue(JdbcTemplate jdbc, SeedshipCodec codec, Clock clock) {
    return new WorkQueue(jdbc, codec, clock);
  }

  @Bean
  WorkRunner workRunner(ObjectProvider<StageWork> works, WorkQueue queue, Outbox outbox,
                        PlatformTransactionManager transactions, EventMetadataFactory metadata,
                        SeedshipProperties properties, MeterRegistry meters) {
    SeedshipProperties.Work w = properties.getWork();
    WorkRunner runner = new WorkRunner(works.orderedStream().toList(), queue, outbox,
        new TransactionTemplate(transactions), metadata, new WorkRunner.Settings(properties.getInstanceId(),
        w.getThreads(), w.getLease(), w.getPollInterval(), w.getMaxAttempts(), w.getBackoff(), w.getMaxBackoff()),
        meters);
    queue.onCommit(runner::wake);
    return runner;
  }

  /**
   * The binder sends each record it gives up on to its binding's error channel, which writes the dead letter and is
   * bridged to the global error channel: there, in the same Kafka transaction, the record's seed fails visibly.
   */
  @Bean
  DeadLetters seedshipDeadLetters(SeedshipCodec codec, SeedEventPublisher publisher, EventMetadataFactory metadata,
                                  SeedshipProperties properties,
                                  @Qualifier(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME) SubscribableChannel errors) {
    DeadLetters deadLetters = new DeadLetters(codec, publisher, metadata, properties.getStage());
    errors.subscribe(message -> {
      if (message instanceof ErrorMessage error) {
        deadLetters.accept(error);
      }
    });
    return deadLetters;
  }

  @Bean
  ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> seedshipContainers() {
    return (container, destination, group) -> DeadLetters.markRootCauses(container, group);
  }

  @Bean
  Retention retention(JdbcTemplate jdbc, SeedshipProperties properties, Clock clock) {
    return new Retention(jdbc, properties.getRetention().getAge(), properties.getRetention().getInterval(), clock);
  }

  /** The catalog's topics, created at startup when missing (existing ones are left as they are). */
  @Bean
  KafkaAdmin.NewTopics seedshipTopics(SeedshipProperties properties) {
    List<NewTopic> topics = Topics.ALL.stream().map(t -> newTopic(t, properties.getTopics())).toList();
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }

  private static NewTopic newTopic(Topic topic, SeedshipProperties.Topics settings) {
    return io.seedship.runtime.broker.SingleBroker.catalogTopic(topic, settings.getPartitions(),
        settings.getReplicationFactor());
  }

  @Bean("kafka")
  KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
    return new KafkaHealthIndicator(admin, Duration.ofSeconds(5));
  }
}
