package io.seedship.shipping.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.List;

/**
 * A seed's import job as shipping-service needs it: where it is, its drives, the carriers its datacenter takes, and
 * when Azure took the seed's cancel ({@code cancelSentAt}, null until then).
 */
@MappedEntity("shipping_job")
public record ShippingJob(@Id String seedId, String importJobName, String subscriptionId, String resourceGroup,
                          String location, String driveIds, String carriers, Instant createdAt,
                          @Nullable Instant cancelSentAt) {

  public List<String> driveIdList() {
    return driveIds.isEmpty() ? List.of() : List.of(driveIds.split("\n"));
  }

  public List<String> carrierList() {
    return carriers.isEmpty() ? List.of() : List.of(carriers.split("\n"));
  }
}
