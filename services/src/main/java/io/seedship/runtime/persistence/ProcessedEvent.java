package io.seedship.runtime.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An event this service has handled, written in the same transaction as the state change it caused. Where it was
 * read (topic, partition, offset) tells a redelivery after an aborted Kafka transaction (same place) from a
 * duplicate or a replay (another place).
 */
@MappedEntity("processed_event")
public record ProcessedEvent(@Id String eventId, String eventType, String seedId, String sourceTopic,
                             int sourcePartition, long sourceOffset, Instant processedAt) {
}
