package io.seedship.cli.kafka;

import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.contracts.DeliveryHeaders;
import io.seedship.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker as the {@code seedship} command uses it, with the identity of {@code kafka.*} in its configuration:
 * reading topics without a consumer group (committed records only), addressing records to one consumer group on
 * {@code seedship.replay}, and seeing the groups' committed offsets. A broker that cannot be reached, or an identity
 * that may not do it, is exit code 5 or 3 with what to check.
 */
public final class Broker {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Map<String, Object> client;

  public Broker(Map<String, Object> client) {
    this.client = Map.copyOf(client);
  }

  public KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  public Admin admin() {
    Map<String, Object> config = new HashMap<>(client);
    config.putIfAbsent("default.api.timeout.ms", 30000);
    return Admin.create(config);
  }

  /** Kafka's failure, said for an operator: what could not be done, where, and what to check. */
  public CliFailure failure(String what, Throwable e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage();
    for (Throwable inner = cause.getCause(); inner != null; inner = inner.getCause()) {
      message = message + ": " + inner.getMessage(); // "Failed to construct kafka producer" says nothing alone
    }
    boolean refused = cause instanceof org.apache.kafka.common.errors.AuthorizationException
        || cause instanceof org.apache.kafka.common.errors.AuthenticationException;
    return new CliFailure(refused ? Exit.NOT_ALLOWED : Exit.UNAVAILABLE, "cannot " + what + " at "
        + client.get("bootstrap.servers") + ": " + message + (refused
        ? " (the identity in kafka.* may not: the SRE tools need the 'sre' identity)"
        : " (kafka.* in the configuration: the broker and an identity that may read it)"));
  }

  /** Every partition of {@code topics}. */
  public List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, List<String> topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic, WAIT).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    return partitions;
  }

  /**
   * Reads {@code topics} from {@code from} (null: their beginning) up to their end as it is now, handing each
   * record to {@code each} in the order read (per partition, in offset order).
   */
  public void scan(List<String> topics, Instant from, Consumer<ConsumerRecord<String, byte[]>> each) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer, topics);
      consumer.assign(partitions);
      seek(consumer, partitions, from);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
      while (partitions.stream().anyMatch(p -> consumer.position(p, WAIT) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
            each.accept(record);
          }
        }
      }
    } catch (KafkaException e) {
      throw failure("read " + String.join(", ", topics), e);
    }
  }

  /**
   * Reads {@code topics} from {@code from} (null: their beginning) and keeps reading new records until
   * {@code each} answers false or {@code until} passes.
   */
  public void follow(List<String> topics, Instant from, Instant until,
                     Predicate<ConsumerRecord<String, byte[]>> each) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer, topics);
      consumer.assign(partitions);
      seek(consumer, partitions, from);
      while (Instant.now().isBefore(until)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (!each.test(record)) {
            return;
          }
        }
      }
    } catch (KafkaException e) {
      throw failure("read " + String.join(", ", topics), e);
    }
  }

  private static void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant from) {
    if (from == null) {
      consumer.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> at = new HashMap<>();
    partitions.forEach(p -> at.put(p, from.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at, WAIT);
    List<TopicPartition> none = new ArrayList<>();
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp offset = found.get(p);
      if (offset == null) {
        none.add(p);
      } else {
        consumer.seek(p, offset.offset());
      }
    }
    consumer.seekToEnd(none); // nothing at or after from there
  }

  /**
   * Sends each record, unchanged (key, value, its event headers), to {@code seedship.replay} addressed to
   * {@code group}; answers where each landed. Idempotent, all replicas: a record is sent once.
   */
  public List<RecordMetadata> replay(List<ConsumerRecord<String, byte[]>> records, String group, String reason) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60000); // at least linger + request timeout
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30000);
    List<RecordMetadata> sent = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
        new ByteArraySerializer())) {
      List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
          if (!h.key().startsWith("x-") && !h.key().startsWith("seedship-")) {
            headers.add(h);
          }
        }
        headers.add(DeliveryHeaders.REPLAY_TO, group.getBytes(StandardCharsets.UTF_8));
        headers.add(DeliveryHeaders.REPLAY_REASON, reason.getBytes(StandardCharsets.UTF_8));
        futures.add(producer.send(new ProducerRecord<>(Topics.REPLAY.name(), null, record.key(), record.value(),
            headers)));
      }
      for (var future : futures) {
        sent.add(future.get(60, TimeUnit.SECONDS));
      }
      return sent;
    } catch (KafkaException | ExecutionException | TimeoutException e) {
      throw failure("write " + Topics.REPLAY.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(Exit.FAILED, "interrupted while sending to " + Topics.REPLAY.name());
    }
  }

  /**
   * Waits until {@code group} has committed past every record of {@code sent} (it has handled or skipped each);
   * false when {@code timeout} passes first.
   */
  public boolean awaitConsumed(String group, List<RecordMetadata> sent, Duration timeout) {
    Map<TopicPartition, Long> needed = new HashMap<>();
    for (RecordMetadata m : sent) {
      needed.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
    }
    Instant end = Instant.now().plus(timeout);
    try (Admin admin = admin()) {
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        boolean done = needed.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
            && committed.get(e.getKey()).offset() >= e.getValue());
        if (done) {
          return true;
        }
        if (Instant.now().isAfter(end)) {
          return false;
        }
        Thread.sleep(500);
      }
    } catch (KafkaException | ExecutionException | TimeoutException e) {
      throw failure("read the offsets of group " + group, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Per partition {@code group} has committed to: {committed offset, end offset, records still to handle}. Offsets
   * alone overstate the lag of a transactional consumer (each commit marker takes an offset), so a short gap is
   * counted record by record; a gap of more than {@value #COUNTED_GAP} offsets is reported as the gap.
   */
  public Map<TopicPartition, long[]> lag(Admin admin, String group) throws ExecutionException, InterruptedException,
      TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    committed.values().removeIf(java.util.Objects::isNull);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
    var ends = admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(
        org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
    Map<TopicPartition, long[]> lag = new LinkedHashMap<>();
    Map<TopicPartition, long[]> toCount = new HashMap<>();
    committed.entrySet().stream()
        .sorted(java.util.Comparator.comparing((Map.Entry<TopicPartition, OffsetAndMetadata> e) -> e.getKey().topic())
            .thenComparingInt(e -> e.getKey().partition()))
        .forEach(e -> {
          long at = e.getValue().offset();
          long end = ends.get(e.getKey()).offset();
          long[] row = {at, end, Math.max(0, end - at)};
          lag.put(e.getKey(), row);
          if (end > at && end - at <= COUNTED_GAP) {
            toCount.put(e.getKey(), row);
          }
        });
    if (!toCount.isEmpty()) {
      try (KafkaConsumer<String, byte[]> consumer = consumer()) {
        consumer.assign(toCount.keySet());
        toCount.forEach((p, row) -> {
          consumer.seek(p, row[0]);
          row[2] = 0;
        });
        while (toCount.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), WAIT) < e.getValue()[1])) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            long[] row = toCount.get(new TopicPartition(r.topic(), r.partition()));
            if (r.offset() < row[1]) {
              row[2]++;
            }
          }
        }
      }
    }
    return lag;
  }

  static final int COUNTED_GAP = 1000;

  /** A header's value as text, or null. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** A number header as the binder writes them (a dead letter's partition: 4 bytes, offset: 8), or null. */
  public static Long number(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    if (h == null || h.value() == null) {
      return null;
    }
    return switch (h.value().length) {
      case 4 -> (long) java.nio.ByteBuffer.wrap(h.value()).getInt();
      case 8 -> java.nio.ByteBuffer.wrap(h.value()).getLong();
      default -> {
        try {
          yield Long.parseLong(new String(h.value(), StandardCharsets.UTF_8).strip());
        } catch (NumberFormatException e) {
          yield null;
        }
      }
    };
  }
}
