package io.seedship.runtime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.contracts.DeliveryHeaders;
import io.seedship.contracts.Records;
import io.seedship.contracts.Topics;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.runtime.persistence.EmittedEvent;
import io.seedship.runtime.persistence.EmittedEventRepository;
import io.seedship.runtime.persistence.ProcessedEvent;
import io.seedship.runtime.persistence.ProcessedEventRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one consumer of a service: decodes each record, and hands it to the stage's {@link SeedHandler} at most once
 * per event id. The Kafka transaction is the listener container's (consumer offset and emitted events commit
 * together); inside it, one database transaction records the event id, the stage's changes and what was emitted.
 *
 * <p>Outcomes: a record this service has no handler for is skipped; a record on {@link Topics#REPLAY} addressed to
 * another consumer group ({@link DeliveryHeaders#REPLAY_TO}) is passed by; an event id seen at another offset (a
 * duplicate or a replay) is skipped; an event id seen at the same offset means the database committed but the Kafka transaction
 * did not, so its recorded events are published again; a failure rolls back both and the binder retries, then
 * dead-letters the record.
 */
public class SeedEventDispatcher implements Consumer<Message<SpecificRecord>> {

  private static final Logger log = LoggerFactory.getLogger(SeedEventDispatcher.class);

  private final Map<Class<?>, SeedHandler<SpecificRecord>> handlers = new HashMap<>();
  private final SeedshipCodec codec;
  private final SeedEventPublisher publisher;
  private final ProcessedEventRepository processed;
  private final EmittedEventRepository emitted;
  private final TransactionTemplate tx;
  private final EventMetadataFactory metadata;
  private final MeterRegistry meters;
  private final Clock clock;
  private final WorkScheduling work;
  private final String group;

  /** Where handlers' scheduled work goes: the work queue, and the kinds this service declares. */
  public interface WorkScheduling {
    boolean knows(String kind);

    void enqueue(String kind, SpecificRecord input);

    void cancel(String seedId);
  }

  @SuppressWarnings("unchecked")
  public SeedEventDispatcher(List<SeedHandler<?>> stageHandlers, List<String> consumedTopics, SeedshipCodec codec,
                             SeedEventPublisher publisher, ProcessedEventRepository processed,
                             EmittedEventRepository emitted, TransactionTemplate tx, EventMetadataFactory metadata,
                             MeterRegistry meters, Clock clock, WorkScheduling work, String group) {
    for (SeedHandler<?> h : stageHandlers) {
      String topic = Topics.topicOf(h.type()).name();
      if (!consumedTopics.contains(topic)) {
        throw new IllegalStateException("seedship.consumes: a handler of " + h.type().getSimpleName()
            + " needs topic " + topic + " in seedship.consumes (now " + consumedTopics + ")");
      }
      if (handlers.put(h.type(), (SeedHandler<SpecificRecord>) h) != null) {
        throw new IllegalStateException("two handlers of " + h.type().getName() + ": a record type has one handler");
      }
    }
    this.codec = codec;
    this.publisher = publisher;
    this.processed = processed;
    this.emitted = emitted;
    this.tx = tx;
    this.metadata = metadata;
    this.meters = meters;
    this.clock = clock;
    this.work = work;
    this.group = group;
  }

  /** This service's consumer group: the one a replay addresses. */
  public String group() {
    return group;
  }

  /** The Avro full names of the record types this service handles, sorted. */
  public List<String> handledTypes() {
    return handlers.keySet().stream().map(Class::getName).sorted().toList();
  }

  @Override
  public void accept(Message<SpecificRecord> message) {
    // The binder hands over bytes when no converter took the payload; decode them here for a precise error.
    Object payload = message.getPayload();
    SpecificRecord record = payload instanceof SpecificRecord r ? r : codec.decode((byte[]) payload);
    EventMetadata cause = Records.metadata(record);
    String type = record.getSchema().getName();
    MDC.put("seedId", cause.getSeedId());
    MDC.put("eventId", cause.getEventId());
    MDC.put("eventType", type);
    try {
      SeedHandler<SpecificRecord> handler = handlers.get(record.getClass());
      if (!addressedHere(message)) {
        count(type, "not-addressed");
        return;
      }
      if (handler == null) {
        count(type, "ignored");
        return;
      }
      String outcome = tx.execute(status -> handleOnce(handler, record, cause, message));
      count(type, outcome);
      log.debug("{} {}", type, outcome);
    } catch (RuntimeException e) {
      count(type, "failed");
      log.warn("handling {} {} failed: {}", type, cause.getEventId(), e.toString());
      throw e;
    } finally {
      MDC.remove("seedId");
      MDC.remove("eventId");
      MDC.remove("eventType");
    }
  }

  private String handleOnce(SeedHandler<SpecificRecord> handler, SpecificRecord record, EventMetadata cause,
                            Message<?> message) {
    String topic = header(message, KafkaHeaders.RECEIVED_TOPIC, String.class).orElse("");
    int partition = header(message, KafkaHeaders.RECEIVED_PARTITION, Integer.class).orElse(-1);
    long offset = header(message, KafkaHeaders.OFFSET, Long.class).orElse(-1L);

    Optional<ProcessedEvent> seen = processed.findById(cause.getEventId());
    if (seen.isPresent()) {
      ProcessedEvent p = seen.get();
      if (p.sourceTopic().equals(topic) && p.sourcePartition() == partition && p.sourceOffset() == offset) {
        publisher.publishEncoded(emitted.findByCauseEventIdOrderBySeq(cause.getEventId()).stream()
            .map(e -> new SeedEventPublisher.Encoded(e.topic(), e.payload())).toList());
        return "republished";
      }
      return "duplicate";
    }
    processed.save(new ProcessedEvent(cause.getEventId(), record.getSchema().getFullName(), cause.getSeedId(),
        topic, partition, offset, clock.instant()));
    Context context = new Context(cause);
    handler.handle(record, context);
    context.scheduled.forEach(kind -> work.enqueue(kind, record));
    for (int i = 0; i < context.out.size(); i++) {
      SpecificRecord out = context.out.get(i);
      String outTopic = Topics.topicOf(out.getClass()).name();
      emitted.save(new EmittedEvent(Records.eventId(out), cause.getEventId(), i, outTopic, publisher.encode(out),
          clock.instant()));
    }
    publisher.publish(context.out);
    return "handled";
  }

  /** Every record but a replayed one addressed to another group. */
  private boolean addressedHere(Message<?> message) {
    String topic = header(message, KafkaHeaders.RECEIVED_TOPIC, String.class).orElse("");
    if (!Topics.REPLAY.name().equals(topic)) {
      return true;
    }
    Object to = message.getHeaders().get(DeliveryHeaders.REPLAY_TO);
    String target = to instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
        : to == null ? null : to.toString();
    return group.equals(target);
  }

  private void count(String type, String outcome) {
    meters.counter("seedship.records.consumed", "type", type, "outcome", outcome).increment();
  }

  private static <T> Optional<T> header(Message<?> message, String name, Class<T> type) {
    return Optional.ofNullable(message.getHeaders().get(name, type));
  }

  private final class Context implements SeedContext {
    private final EventMetadata cause;
    private final List<SpecificRecord> out = new ArrayList<>();
    private final Set<String> scheduled = new LinkedHashSet<>();
    private int nextSeq;

    Context(EventMetadata cause) {
      this.cause = cause;
    }

    @Override
    public void schedule(String kind) {
      if (!work.knows(kind)) {
        throw new IllegalStateException("no stage work of kind '" + kind + "' is declared in this service");
      }
      scheduled.add(kind);
    }

    @Override
    public void stopWork() {
      work.cancel(cause.getSeedId());
    }

    @Override
    public String seedId() {
      return cause.getSeedId();
    }

    @Override
    public EventMetadata cause() {
      return cause;
    }

    @Override
    public EventMetadata next() {
      return metadata.causedBy(cause, nextSeq++);
    }

    @Override
    public void emit(SpecificRecord record) {
      Topics.topicOf(record.getClass()); // fails now, in the handler, for a type no topic carries
      out.add(record);
    }
  }
}
