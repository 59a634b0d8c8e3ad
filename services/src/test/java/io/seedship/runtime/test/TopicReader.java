package io.seedship.runtime.test;

import io.seedship.contracts.codec.SeedshipCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning, as a subscriber outside Seedship would, with a chosen isolation level. */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  /** {@code client}: the bootstrap servers with TLS and identity ({@code KafkaTestBroker.client()}). */
  public TopicReader(Map<String, Object> client, String topic, boolean readCommitted) {
    Map<String, Object> config = new java.util.HashMap<>(client);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls until a record matches, and returns every record read so far. */
  public List<ConsumerRecord<String, byte[]>> readUntil(Predicate<ConsumerRecord<String, byte[]>> match, Duration timeout) {
    Instant end = Instant.now().plus(timeout);
    while (seen.stream().noneMatch(match)) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("no matching record within " + timeout + "; read " + seen.size() + " records");
      }
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  /** Everything there is to read within the given time. */
  public List<ConsumerRecord<String, byte[]>> readFor(Duration time) {
    Instant end = Instant.now().plus(time);
    while (Instant.now().isBefore(end)) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  /** The first event of {@code type} for {@code seedId} on its catalog topic (read committed), waiting for it. */
  public static <T extends SpecificRecord> T awaitEvent(Map<String, Object> client, String seedId, Class<T> type,
                                                        Duration timeout) {
    try (TopicReader reader = new TopicReader(client, io.seedship.contracts.Topics.topicOf(type).name(), true)) {
      return reader.readUntil(r -> seedId.equals(r.key()) && type.isInstance(decode(r)), timeout).stream()
          .filter(r -> seedId.equals(r.key())).map(TopicReader::decode).filter(type::isInstance).map(type::cast)
          .findFirst().orElseThrow();
    }
  }

  /** Every committed event of {@code type} for {@code seedId} that can be read within {@code time}. */
  public static <T extends SpecificRecord> List<T> events(Map<String, Object> client, String seedId, Class<T> type,
                                                          Duration time) {
    try (TopicReader reader = new TopicReader(client, io.seedship.contracts.Topics.topicOf(type).name(), true)) {
      return reader.readFor(time).stream().filter(r -> seedId.equals(r.key())).map(TopicReader::decode)
          .filter(type::isInstance).map(type::cast).toList();
    }
  }

  public static SpecificRecord decode(ConsumerRecord<String, byte[]> record) {
    return SeedshipCodec.instance().decode(record.value());
  }

  public static String header(ConsumerRecord<?, ?> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
