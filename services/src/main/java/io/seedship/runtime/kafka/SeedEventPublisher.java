package io.seedship.runtime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.contracts.Records;
import io.seedship.contracts.Topics;
import io.seedship.contracts.cloudevents.CloudEventHeaders;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.runtime.messaging.SeedStatuses;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Publishes Seedship messages: keyed by seed id, single-object Avro, CloudEvents headers, on the catalog topic of
 * their type. It uses the binder's transactional producer factory, so inside a handler the sends join the
 * consumer's Kafka transaction; elsewhere each call is a transaction of its own. Every event that moves a seed is
 * followed, in the same transaction, by the seed's status on the compacted status topic ({@link SeedStatuses}).
 *
 * <p>Runtime-internal: stage code emits through its handler's context or its work's outbox, never here.
 */
public class SeedEventPublisher {

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaTemplate<byte[], byte[]> template;
  private final SeedshipCodec codec;
  private final MeterRegistry meters;

  public SeedEventPublisher(ProducerFactory<byte[], byte[]> transactionalFactory, SeedshipCodec codec,
                            MeterRegistry meters) {
    this.template = new KafkaTemplate<>(transactionalFactory);
    this.codec = codec;
    this.meters = meters;
  }

  /** Publishes the records atomically: all of them or none. */
  public void publish(List<? extends SpecificRecord> records) {
    inTransaction(() -> records.stream().flatMap(r -> withStatus(Topics.topicOf(r.getClass()).name(), r,
        codec.encode(r))).toList());
  }

  public void publish(SpecificRecord record) {
    publish(List.of(record));
  }

  /** An event already encoded (recorded earlier, or waiting in the outbox), published byte for byte. */
  public record Encoded(String topic, byte[] payload) {
  }

  /** Publishes events recorded earlier, byte for byte as they were recorded, atomically. */
  public void publishEncoded(List<Encoded> events) {
    inTransaction(() -> events.stream().flatMap(e -> withStatus(e.topic(), codec.decode(e.payload()), e.payload()))
        .toList());
  }

  /**
   * Sends and waits for the broker's acknowledgement, so a failed send fails the handling before its database
   * transaction commits, rather than the Kafka commit after it.
   */
  private void inTransaction(Supplier<List<CompletableFuture<?>>> sends) {
    if (template.inTransaction()) {
      awaitAll(sends.get()); // joins the listener container's transaction
    } else {
      template.executeInTransaction(t -> {
        awaitAll(sends.get());
        return null;
      });
    }
  }

  private void awaitAll(List<CompletableFuture<?>> sent) {
    template.flush();
    try {
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("publishing failed: " + (e.getCause() == null ? e : e.getCause()), e);
    }
  }

  private Stream<CompletableFuture<?>> withStatus(String topic, SpecificRecord record, byte[] payload) {
    CompletableFuture<?> sent = send(topic, record, payload);
    return SeedStatuses.of(record)
        .<Stream<CompletableFuture<?>>>map(status -> Stream.of(sent, send(Topics.SEED_STATUS.name(), status,
            codec.encode(status))))
        .orElseGet(() -> Stream.of(sent));
  }

  private CompletableFuture<?> send(String topic, SpecificRecord record, byte[] payload) {
    ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, null,
        Records.seedId(record).getBytes(StandardCharsets.UTF_8), payload);
    CloudEventHeaders.of(record).forEach((name, value) -> out.headers().add(name, CloudEventHeaders.bytes(value)));
    CompletableFuture<?> sent = template.send(out);
    meters.counter("seedship.records.published", "type", record.getSchema().getName(), "topic", topic).increment();
    return sent;
  }

  byte[] encode(SpecificRecord record) {
    return codec.encode(record);
  }
}
