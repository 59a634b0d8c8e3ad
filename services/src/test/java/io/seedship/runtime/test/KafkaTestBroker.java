package io.seedship.runtime.test;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One real KRaft broker per test JVM, shared by every test that needs Kafka. */
public final class KafkaTestBroker {

  private static EmbeddedKafkaKraftBroker broker;

  private KafkaTestBroker() {
  }

  public static synchronized String bootstrapServers() {
    if (broker == null) {
      broker = new EmbeddedKafkaKraftBroker(1, 3);
      broker.brokerProperties(Map.of(
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "offsets.topic.replication.factor", "1",
          "group.initial.rebalance.delay.ms", "0",
          "auto.create.topics.enable", "false"));
      broker.afterPropertiesSet();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
    }
    return broker.getBrokersAsString();
  }
}
