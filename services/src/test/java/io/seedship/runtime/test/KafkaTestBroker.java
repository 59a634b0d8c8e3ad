package io.seedship.runtime.test;

import io.seedship.runtime.broker.SingleBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One real KRaft broker per test JVM, shared by every test that needs Kafka. */
public final class KafkaTestBroker {

  private static EmbeddedKafkaKraftBroker broker;

  private KafkaTestBroker() {
  }

  public static synchronized String bootstrapServers() {
    if (broker == null) {
      broker = new EmbeddedKafkaKraftBroker(1, 3);
      broker.brokerProperties(SingleBroker.PROPERTIES);
      broker.afterPropertiesSet();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
    }
    return broker.getBrokersAsString();
  }
}
