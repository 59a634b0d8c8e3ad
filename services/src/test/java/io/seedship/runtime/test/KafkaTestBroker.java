package io.seedship.runtime.test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.runtime.broker.BrokerAcls;
import io.seedship.runtime.broker.BrokerCredentials;
import io.seedship.runtime.broker.LocalBroker;
import io.seedship.runtime.kafka.SeedEventPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * One real KRaft broker per test JVM, shared by every test that needs Kafka, run as a deployment's: mutual TLS,
 * {@code StandardAuthorizer} and {@link BrokerAcls} ({@link LocalBroker}, the broker of {@code ./seedship-local}).
 * A service under test connects as itself when the ACL table has a row for it, so a module's tests fail when the
 * table misses a topic the service uses; test applications and the tests' own clients connect as {@code admin}, and
 * a test feeds a service the events of the others through {@link #publisher()}.
 */
public final class KafkaTestBroker {

  private static LocalBroker broker;
  private static SeedEventPublisher publisher;

  private KafkaTestBroker() {
  }

  private static synchronized LocalBroker broker() {
    if (broker == null) {
      try {
        Path directory = Files.createTempDirectory("seedship-test-kafka");
        LocalBroker started = LocalBroker.start(directory);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          started.close();
          delete(directory);
        }));
        broker = started;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return broker;
  }

  public static String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /** The CA and every principal's key store of the broker (mode 700). */
  public static BrokerCredentials credentials() {
    return broker().credentials();
  }

  /** Client settings (bootstrap servers, TLS identity) as {@code admin}, who may read and write every topic. */
  public static Map<String, Object> client() {
    return client(BrokerCredentials.ADMIN);
  }

  /** Client settings as {@code principal} ({@code admin}, a service's name, {@code subscriber}). */
  public static Map<String, Object> client(String principal) {
    return broker().clientProperties(principal);
  }

  /**
   * Spring properties for a service named {@code serviceName}: the bootstrap servers and the identity it connects
   * with, its own when the ACL table knows it, else {@code admin}.
   */
  public static Map<String, String> serviceSettings(String serviceName) {
    boolean known = BrokerAcls.ALL.stream().anyMatch(a -> a.principal().equals(serviceName));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.kafka.bootstrap-servers", bootstrapServers());
    settings.putAll(broker().credentials().springProperties(known ? serviceName : BrokerCredentials.ADMIN));
    return settings;
  }

  /**
   * Publishes as the services do (transactional, each event with its status) but as {@code admin}: the input a test
   * gives a service comes from other services' topics, which the service's own principal may not write.
   */
  public static synchronized SeedEventPublisher publisher() {
    if (publisher == null) {
      Map<String, Object> config = new LinkedHashMap<>(client());
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      DefaultKafkaProducerFactory<byte[], byte[]> factory = new DefaultKafkaProducerFactory<>(config,
          new ByteArraySerializer(), new ByteArraySerializer());
      factory.setTransactionIdPrefix("test-publisher-" + ProcessHandle.current().pid() + "-");
      publisher = new SeedEventPublisher(factory, SeedshipCodec.instance(), new SimpleMeterRegistry());
    }
    return publisher;
  }

  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing a JVM's shutdown
    }
  }
}
