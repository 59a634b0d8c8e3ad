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

  private void read(String topic, java.util.function.BiConsumer<String, SpecificRecord> each) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
    SeedshipCodec codec = SeedshipCodec.instance();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer())) {
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
      throw new CliFailure(Exit.UNAVAILABLE, "cannot read " + topic + " at " + client.get("bootstrap.servers")
          + ": " + e.getMessage() + " (kafka.* in the configuration: the broker and an identity that may read it)");
    }
  }
}
