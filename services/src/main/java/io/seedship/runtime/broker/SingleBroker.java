package io.seedship.runtime.broker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a single Kafka broker (KRaft) on one machine, in one place: the tests' shared broker
 * ({@code KafkaTestBroker} in the services test-jar) and the local launcher ({@code LocalSeedship} in e2e-tests)
 * both start theirs with {@link #PROPERTIES}; {@code docker-compose.yml} sets the same values for its container.
 */
public final class SingleBroker {

  /** Broker properties (server.properties names) for a single broker; each is here for the reason beside it. */
  public static final Map<String, String> PROPERTIES;

  static {
    Map<String, String> properties = new LinkedHashMap<>();
    // Kafka transactions (the runtime's exactly-once handling) need the transaction log; its defaults (3 replicas,
    // min ISR 2) cannot be met by one broker, and no transactional producer could then start
    properties.put("transaction.state.log.replication.factor", "1");
    properties.put("transaction.state.log.min.isr", "1");
    // consumer groups need the offsets topic; its default of 3 replicas cannot be met by one broker either
    properties.put("offsets.topic.replication.factor", "1");
    // the first consumer of a group starts at once instead of waiting 3 s for others to join
    properties.put("group.initial.rebalance.delay.ms", "0");
    // the runtime creates every topic of the catalog (Topics) itself: a name outside it is a mistake to see,
    // not a topic to create with broker defaults
    properties.put("auto.create.topics.enable", "false");
    PROPERTIES = Collections.unmodifiableMap(properties);
  }

  private SingleBroker() {
  }
}
