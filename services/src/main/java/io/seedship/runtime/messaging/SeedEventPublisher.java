package io.seedship.runtime.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.contracts.Records;
import io.seedship.contracts.Topics;
import io.seedship.contracts.cloudevents.CloudEventHeaders;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.runtime.persistence.EmittedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Publishes Seedship messages: keyed by seed id, single-object Avro, CloudEvents headers, on the catalog topic of
 * their type. It uses the binder's transactional producer factory, so inside a handler the sends join the
 * consumer's Kafka transaction; elsewhere each call is a transaction of its own.
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
    inTransaction(() -> records.stream().<CompletableFuture<?>>map(this::send).toList());
  }

  public void publish(SpecificRecord record) {
    publish(List.of(record));
  }

  /** Publishes events recorded earlier again, byte for byte as first published. */
  void republish(List<EmittedEvent> events) {
    inTransaction(() -> events.stream().<CompletableFuture<?>>map(e -> send(e.topic(), codec.decode(e.payload()), e.payload())).toList());
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

  private CompletableFuture<?> send(SpecificRecord record) {
    return send(Topics.topicOf(record.getClass()).name(), record, codec.encode(record));
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
