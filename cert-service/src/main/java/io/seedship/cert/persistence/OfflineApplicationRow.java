package io.seedship.cert.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An Entra ID application this service made or adopted; applicationId and objectId are null until Graph has it. */
@MappedEntity("offline_application")
public record OfflineApplicationRow(@Id String applicationKey, String cloud, String tenantId, String azureUserId,
                                    String displayName, @Nullable String applicationId, @Nullable String objectId,
                                    Instant updatedAt) {

  /** The row's key: one application per cloud, tenant and Azure user. */
  public static String key(String cloud, String tenantId, String azureUserId) {
    return cloud + "/" + tenantId.toLowerCase() + "/" + azureUserId.toLowerCase();
  }

  public OfflineApplicationRow withGraphIds(String applicationId, String objectId, Instant now) {
    return new OfflineApplicationRow(applicationKey, cloud, tenantId, azureUserId, displayName, applicationId, objectId,
        now);
  }
}
