package io.seedship.cli.seed;

import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.contracts.Topics;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.status.SeedStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every seed's latest status and its outcome, read from the public topics ({@code seedship.seed.status}, compacted,
 * and {@code seedship.seed.outcomes}) to their end, committed records only, without a consumer group: what a
 * subscriber's identity may read, and the one view of all seeds that no single service holds.
 */
public final class PublicTopics {

  /** One seed as the public topics show it. */
  public record Seed(String seedId, SeedStatus status, Instant updatedAt, Optional<SpecificRecord> outcome) {
  }

  private final Map<String, Object> client;

  public PublicTopics(Map<String, Object> client) {
    this.client = client;
  }

  /** Every seed with a status, by seed id, in the order first seen. */
  public Map<String, Seed> seeds() {
    Map<String, SeedStatus> statuses = new LinkedHashMap<>();
    Map<String, SpecificRecord> outcomes = new HashMap<>();
    read(Topics.SEED_STATUS.name(), (key, record) -> {
      if (record instanceof SeedStatus status) {
        statuses.put(key, status);
      }
    });
    read(Topics.SEED_OUTCOMES.name(), (key, record) -> {
      if (record instanceof SeedCompleted || record instanceof SeedFailed) {
        outcomes.put(key, record);
      }
    });
    Map<String, Seed> seeds = new LinkedHashMap<>();
    statuses.forEach((id, status) -> seeds.put(id, new Seed(id, status, status.getMetadata().getOccurredAt(),
        Optional.ofNullable(outcomes.get(id)))));
    return seeds;
  }

  /**
   * Follows one seed live: every status and outcome of {@code seedId} from the start of both topics, handed to
   * {@code each} as it is read, until {@code each} says it has seen enough or {@code timeout} passes (false then).
   */
  public boolean follow(String seedId, Duration timeout, java.util.function.Predicate<SpecificRecord> each) {
    List<String> topics = List.of(Topics.SEED_STATUS.name(), Topics.SEED_OUTCOMES.name());
    SeedshipCodec codec = SeedshipCodec.instance();
    Instant end = Instant.now().plus(timeout);
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(30))
          .stream().map(p -> new TopicPartition(t, p.partition()))).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (Instant.now().isBefore(end)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (!seedId.equals(record.key()) || record.value() == null) {
            continue;
          }
          SpecificRecord decoded;
          try {
            decoded = codec.decode(record.value());
          } catch (RuntimeException e) {
            continue; // a record this version cannot read
          }
          if (!each.test(decoded)) {
            return true;
          }
        }
      }
      return false;
    } catch (KafkaException e) {
      throw unavailable(String.join(" and ", topics), e);
    }
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private CliFailure unavailable(String topic, KafkaException e) {
    return new CliFailure(Exit.UNAVAILABLE, "cannot read " + topic + " at " + client.get("bootstrap.servers")
        + ": " + e.getMessage() + " (kafka.* in the configuration: the broker and an identity that may read it)");
  }

  private void read(String topic, java.util.function.BiConsumer<String, SpecificRecord> each) {
    SeedshipCodec codec = SeedshipCodec.instance();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() == null) {
            continue; // a tombstone: the seed's status was removed
          }
          try {
            each.accept(record.key(), codec.decode(record.value()));
          } catch (RuntimeException e) {
            // a record this version cannot read is skipped, not fatal for a view of all seeds
          }
        }
      }
    } catch (KafkaException e) {
      throw unavailable(topic, e);
    }
  }
}
