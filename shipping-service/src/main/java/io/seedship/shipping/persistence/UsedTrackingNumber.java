package io.seedship.shipping.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A tracking number given to a seed; its key is the table's primary key, so no two seeds can ever hold it. */
@MappedEntity("used_tracking_number")
public record UsedTrackingNumber(@Id String trackingKey, String seedId, Instant firstUsedAt) {
}
