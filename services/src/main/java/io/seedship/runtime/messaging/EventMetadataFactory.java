package io.seedship.runtime.messaging;

import io.seedship.contracts.common.EventMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Envelopes for events this service produces. */
public final class EventMetadataFactory {

  private final String producer;
  private final Clock clock;

  public EventMetadataFactory(String producer, Clock clock) {
    this.producer = producer;
    this.clock = clock;
  }

  /** An event that starts a chain (an operator command, an HTTP request): new event id, its own correlation. */
  public EventMetadata originating(String seedId) {
    String id = UUID.randomUUID().toString();
    return EventMetadata.newBuilder().setEventId(id).setSeedId(seedId).setOccurredAt(now()).setProducer(producer)
        .setCorrelationId(id).setCausationId(null).build();
  }

  /** The {@code seq}-th event caused by {@code cause}: its id is a name-based UUID of the cause, producer and seq. */
  public EventMetadata causedBy(EventMetadata cause, int seq) {
    return derived(cause, String.valueOf(seq));
  }

  /**
   * An event caused by {@code cause} and named {@code name} by its producer (e.g. {@code write/completed}): its id is a
   * name-based UUID of the cause, producer and name, the same however often it is made.
   */
  public EventMetadata derived(EventMetadata cause, String name) {
    return caused(cause, UUID.nameUUIDFromBytes((cause.getEventId() + "/" + producer + "/" + name)
        .getBytes(StandardCharsets.UTF_8)).toString());
  }

  /** An event caused by {@code cause} that is new each time (progress): a random id. */
  public EventMetadata fresh(EventMetadata cause) {
    return caused(cause, UUID.randomUUID().toString());
  }

  private EventMetadata caused(EventMetadata cause, String id) {
    return EventMetadata.newBuilder().setEventId(id).setSeedId(cause.getSeedId()).setOccurredAt(now())
        .setProducer(producer).setCorrelationId(cause.getCorrelationId()).setCausationId(cause.getEventId()).build();
  }

  public String producer() {
    return producer;
  }

  private java.time.Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
