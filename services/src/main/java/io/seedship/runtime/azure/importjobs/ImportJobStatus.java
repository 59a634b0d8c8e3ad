package io.seedship.runtime.azure.importjobs;

import io.seedship.contracts.common.ImportJobState;
import java.time.Instant;
import java.util.List;

/**
 * Where an import job stands, in the contracts' words.
 *
 * @param id the job's resource id in its API (an ARM id), as other systems name it
 * @param percentComplete of the whole job, when the API says
 * @param shipTo where the drives go (known once the job exists)
 * @param deliveryPackage the package registered for the drives, or null before shipping
 * @param cancelRequested whether a cancel of the job was requested
 * @param lastModifiedAt  when the customer last created or updated the job (ARM's systemData), on Azure's clock; a
 *                        job left in Creating is deleted two weeks after it; null when the API does not say
 */
public record ImportJobStatus(String id, String resourceGroup, String jobName, String location, String storageAccountId,
                              ImportJobState state, Integer percentComplete, List<DriveProgress> drives,
                              Datacenter shipTo, DeliveryPackage deliveryPackage, boolean cancelRequested,
                              Instant lastModifiedAt) {

  public ImportJobStatus {
    drives = List.copyOf(drives);
  }
}
