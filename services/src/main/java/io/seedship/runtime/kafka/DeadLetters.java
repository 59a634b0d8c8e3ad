package io.seedship.runtime.kafka;

import io.seedship.contracts.DeliveryHeaders;
import io.seedship.contracts.Records;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.messaging.SeedFailures;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.ErrorMessage;

/**
 * What happens to a record that cannot be handled. The binder retries it and then writes it to the dead-letter topic
 * with its origin and stack trace; this adds what an operator needs first:
 * <ul>
 *   <li>the root cause in a readable header, {@value #ROOT_CAUSE} (the binder's own message is only "rollback limit
 *       exceeded"), and the consumer group that gave up, {@value DeliveryHeaders#DEAD_LETTERED_BY}, where a redrive
 *       sends the record back;</li>
 *   <li>a SeedFailed for the seed the record belongs to, with its status, in the transaction that dead-letters it,
 *       so no seed stops silently.</li>
 * </ul>
 * A record that does not even decode names no seed for sure, and fails none.
 */
public class DeadLetters implements Consumer<ErrorMessage> {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  public static final String ROOT_CAUSE = DeliveryHeaders.ROOT_CAUSE;
  /** Where the binder puts the failed record in its error message, with and without transactions. */
  private static final String[] RECORD_HEADERS = {"sourceData", KafkaHeaders.RAW_DATA};

  private final SeedshipCodec codec;
  private final SeedEventPublisher publisher;
  private final EventMetadataFactory metadata;
  private final SeedStage stage;
  private final String service;

  public DeadLetters(SeedshipCodec codec, SeedEventPublisher publisher, EventMetadataFactory metadata,
                     SeedStage stage) {
    this.codec = codec;
    this.publisher = publisher;
    this.metadata = metadata;
    this.stage = stage;
    this.service = metadata.producer();
  }

  /** Marks each failed delivery of {@code group} with its root cause, so the dead letter carries the last one. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void markRootCauses(AbstractMessageListenerContainer<?, ?> container, String group) {
    ((AbstractMessageListenerContainer) container).setRecordInterceptor(new RecordInterceptor<Object, Object>() {
      @Override
      public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                      org.apache.kafka.clients.consumer.Consumer<Object, Object> c) {
        return record;
      }

      @Override
      public void failure(ConsumerRecord<Object, Object> record, Exception exception,
                          org.apache.kafka.clients.consumer.Consumer<Object, Object> consumer) {
        markRootCause(record.headers(), exception);
        try {
          record.headers().remove(DeliveryHeaders.DEAD_LETTERED_BY);
          record.headers().add(DeliveryHeaders.DEAD_LETTERED_BY, group.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException readOnly) {
          // a read-only record: a redrive then names its group itself
        }
      }
    });
  }

  static void markRootCause(Headers headers, Throwable exception) {
    try {
      headers.remove(ROOT_CAUSE);
      headers.add(ROOT_CAUSE, SeedFailures.rootCause(exception).getBytes(StandardCharsets.UTF_8));
    } catch (IllegalStateException readOnly) {
      // a read-only record: the stack trace header still holds the cause
    }
  }

  @Override
  public void accept(ErrorMessage error) {
    ConsumerRecord<?, ?> record = failedRecord(error);
    if (record == null) {
      return;
    }
    markRootCause(record.headers(), error.getPayload());
    if (!(record.value() instanceof byte[] value)) {
      return;
    }
    SpecificRecord dead;
    try {
      dead = codec.decode(value);
    } catch (RuntimeException undecodable) {
      return;
    }
    if (dead instanceof SeedFailed) {
      return; // a failure cannot fail the seed again
    }
    String type = dead.getSchema().getName();
    String cause = SeedFailures.rootCause(error.getPayload());
    SeedFailed failed = SeedFailures.of(metadata.derived(Records.metadata(dead), "dead-letter"), stage,
        service + " could not handle " + type + " " + Records.eventId(dead) + " and dead-lettered it: " + cause,
        "fix the cause, then redrive the record from " + io.seedship.contracts.Topics.DEAD_LETTERS.name()
            + " (its headers name the original topic, partition and offset), or request the seed again");
    publisher.publish(failed);
    log.warn("seed {} failed: {} {} dead-lettered: {}", Records.seedId(dead), type, Records.eventId(dead), cause);
  }

  private static ConsumerRecord<?, ?> failedRecord(ErrorMessage error) {
    for (String header : RECORD_HEADERS) {
      if (error.getHeaders().get(header) instanceof ConsumerRecord<?, ?> record) {
        return record;
      }
    }
    if (error.getOriginalMessage() != null
        && error.getOriginalMessage().getHeaders().get(KafkaHeaders.RAW_DATA) instanceof ConsumerRecord<?, ?> r) {
      return r;
    }
    return null;
  }

}
