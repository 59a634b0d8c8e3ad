package io.seedship.runtime.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** An event published while handling {@code causeEventId}, kept so it can be published again, unchanged, if that
 *  handling's Kafka transaction aborted after the database committed. */
@MappedEntity("emitted_event")
public record EmittedEvent(@Id String eventId, String causeEventId, int seq, String topic, byte[] payload,
                           java.time.Instant emittedAt) {
}
