package io.seedship.runtime.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The runtime's defaults, added below everything a service or an operator sets: Kafka transactions and
 * read_committed, the one consumer binding with its dead letters, the embedded database, health and metrics.
 * A service only says which topics it consumes ({@code seedship.consumes}).
 */
public class SeedshipEnvironmentPostProcessor implements EnvironmentPostProcessor {

  public static final String CONSUMER = "seedshipConsumer";
  static final String IN = "spring.cloud.stream.bindings." + CONSUMER + "-in-0.";
  static final String KAFKA_IN = "spring.cloud.stream.kafka.bindings." + CONSUMER + "-in-0.consumer.";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("seedship.service-name", "${spring.application.name:}");
    d.put("seedship.data-dir", "${user.dir}/.seedship/data");
    d.put("seedship.instance-id", SeedshipProperties.defaultInstanceId());
    d.put("spring.datasource.url", embeddedH2Url("${seedship.data-dir}", "${seedship.service-name}"));
    d.put("spring.datasource.username", "sa");
    d.put("spring.datasource.password", "");
    // Micronaut Data repositories write under Spring's transaction manager (see STACK.md)
    d.put("datasources.default.transaction-manager", "springJdbc");
    // the starter's unfiltered auto-configuration would expose every Micronaut bean; PersistenceConfiguration filters
    d.put("spring.autoconfigure.exclude", "io.micronaut.spring.boot.starter.MicronautImportRegistrar");
    d.put("spring.flyway.locations", "classpath:db/${seedship.service-name}");

    d.put("spring.kafka.bootstrap-servers", "localhost:9092");
    d.put("spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix",
        "${seedship.service-name}-${seedship.instance-id}-");
    // Transactions sized on purpose. A handler is short (no remote call that can wait more than a few seconds; slow
    // work runs as durable work, outside any Kafka transaction), so a transaction that stays open for a minute means
    // something is stuck: the broker aborts it and the record is redelivered. Producers of the outbox relay and the
    // consumer share this factory.
    d.put("spring.cloud.stream.kafka.binder.transaction.producer.configuration.transaction.timeout.ms", "60000");
    // A poll of at most 50 records, each a short handling (seconds at worst), stays far inside the 5 minutes after
    // which the group would consider this consumer dead and rebalance.
    d.put("spring.cloud.stream.kafka.binder.consumer-properties.max.poll.interval.ms", "300000");
    d.put("spring.cloud.stream.kafka.binder.consumer-properties.max.poll.records", "50");
    d.put("spring.cloud.stream.kafka.binder.required-acks", "all");
    d.put("spring.cloud.stream.kafka.binder.auto-add-partitions", "false");
    d.put("spring.cloud.stream.kafka.binder.configuration.isolation.level", "read_committed");
    d.put("spring.cloud.stream.kafka.binder.configuration.auto.offset.reset", "earliest");

    d.put(IN + "group", "${seedship.service-name}");
    d.put(IN + "content-type", "application/avro");
    d.put(IN + "consumer.max-attempts", "${seedship.retry.max-attempts:3}");
    d.put(IN + "consumer.back-off-initial-interval", "200");
    d.put(IN + "consumer.back-off-max-interval", "5000");
    d.put(IN + "consumer.back-off-multiplier", "2.0");
    d.put(IN + "consumer.retryable-exceptions.io.seedship.contracts.codec.UndecodableRecordException", "false");
    d.put(IN + "consumer.retryable-exceptions.org.springframework.messaging.converter.MessageConversionException", "false");
    d.put(KAFKA_IN + "enable-dlq", "true");
    d.put(KAFKA_IN + "dlq-name", io.seedship.contracts.Topics.DEAD_LETTERS.name());
    d.put(KAFKA_IN + "dlq-partitions", "1");

    // only the runtime's consumer is bound, and only when the service consumes something
    d.put("spring.cloud.stream.function.autodetect", "false");
    List<String> consumes = Binder.get(env).bind("seedship.consumes", Bindable.listOf(String.class)).orElse(List.of());
    if (!consumes.isEmpty()) {
      d.put("spring.cloud.function.definition", CONSUMER);
      // and the replay topic, where an SRE addresses re-deliveries to one group (the dispatcher passes others by)
      List<String> destinations = new java.util.ArrayList<>(consumes);
      destinations.add(io.seedship.contracts.Topics.REPLAY.name());
      d.put(IN + "destination", String.join(",", destinations));
      d.put(KAFKA_IN + "multiplex", "true");
    }

    d.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
    d.put("management.endpoint.health.probes.enabled", "true");
    d.put("management.endpoint.health.show-details", "always");
    d.put("management.endpoint.health.group.readiness.include", "readinessState,db,kafka");
    d.put("management.metrics.tags.service", "${seedship.service-name}");
    d.put("logging.pattern.level", "%5p [seed=%X{seedId:-}]");
    env.getPropertySources().addLast(new MapPropertySource("seedshipRuntimeDefaults", d));
  }

  /** This service's consumer group (the service's name, unless its configuration names another). */
  public static String consumerGroup(org.springframework.core.env.Environment env) {
    return env.getProperty(IN + "group", env.getProperty("seedship.service-name", ""));
  }

  /**
   * The embedded database of a service: an H2 file under {@code dataDir}. The {@code file:} file system would close
   * the database for every thread when one writing thread is interrupted (the work runner interrupts a unit that lost
   * its lease); H2's {@code async:} file system does not. WRITE_DELAY=0: H2 otherwise writes a commit up to 500 ms
   * later, and a process killed in between loses a transaction whose Kafka offsets were already committed (found
   * killing the disk-prep agent: DiskprepCrashTest).
   */
  static String embeddedH2Url(String dataDir, String name) {
    return "jdbc:h2:async:" + dataDir + "/" + name
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
  }
}
