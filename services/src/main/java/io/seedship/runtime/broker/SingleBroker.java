package io.seedship.runtime.broker;

import io.seedship.contracts.Topic;
import io.seedship.contracts.Topics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The settings of a single Kafka broker (KRaft) on one machine, in one place: {@link LocalBroker} (the tests' and
 * {@code ./seedship-local}'s) starts with {@link #PROPERTIES} and {@link #SECURITY}; {@code docker-compose.yml} sets
 * the same values for its container (e2e's ComposeFileTest compares them).
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

  /**
   * How the broker admits clients (server.properties names), wherever it runs: mutual TLS on every listener, a
   * client's principal is its certificate's CN, and {@code StandardAuthorizer} allows only what {@link BrokerAcls}
   * grants ({@code broker} and {@code admin} are super users; no ACL means no access). The key and trust stores
   * come from {@link BrokerCredentials#brokerProperties()}.
   */
  public static final Map<String, String> SECURITY = Map.of(
      "ssl.client.auth", "required",
      "ssl.principal.mapping.rules", BrokerCredentials.PRINCIPAL_MAPPING_RULES,
      "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
      "super.users", "User:" + BrokerCredentials.BROKER + ";User:" + BrokerCredentials.ADMIN,
      "allow.everyone.if.no.acl.found", "false");

  private SingleBroker() {
  }

  /**
   * A catalog topic as the runtime declares it ({@code seedship.topics.*}): the dead-letter topic has one partition,
   * the compacted status topic keeps each seed's record at least a minute.
   */
  public static NewTopic catalogTopic(Topic topic, int partitions, short replicas) {
    TopicBuilder builder = TopicBuilder.name(topic.name()).partitions(topic == Topics.DEAD_LETTERS ? 1 : partitions)
        .replicas(replicas);
    if (topic.compacted()) {
      builder.compact().config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "60000");
    }
    return builder.build();
  }

  /** What the broker's admin does once it runs: every catalog topic missing is created, and the ACLs applied. */
  public static void prepare(Admin admin, int partitions) {
    createCatalogTopics(admin, partitions);
    BrokerAcls.apply(admin);
  }

  /** Creates every catalog topic missing on a single broker (existing ones are left as they are). */
  public static void createCatalogTopics(Admin admin, int partitions) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t.name()))
          .map(t -> catalogTopic(t, partitions, (short) 1)).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("the catalog's topics could not be created: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the catalog's topics could not be created within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating the catalog's topics", e);
    }
  }
}
