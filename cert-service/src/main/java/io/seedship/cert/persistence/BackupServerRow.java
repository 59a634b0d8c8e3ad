package io.seedship.cert.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A backup server (MARS/DPM/MABS) prepared for offline backup: its certificate is the current one of its ResourceId. */
@MappedEntity("backup_server")
public record BackupServerRow(@Id String serverName, String applicationKey, String resourceId, String subscriptionId,
                              Instant updatedAt) {
}
