package io.seedship.runtime.azure.importjobs;

import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.common.ReturnShipping;
import java.util.List;
import java.util.Objects;

/**
 * A new import job: its drives (at most 10), where the drives go back to, and the storage account the data goes to.
 *
 * @param diagnosticsPath the container path of the copy logs, e.g. {@code waimportexport}
 */
public record ImportJobRequest(String resourceGroup, String jobName, String location, String storageAccountId,
                               List<ImportDrive> drives, PostalAddress returnAddress, ReturnShipping returnShipping,
                               String diagnosticsPath) {

  public static final int MAX_DRIVES = 10;

  public ImportJobRequest {
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(storageAccountId, "storageAccountId");
    drives = List.copyOf(drives);
    if (drives.isEmpty() || drives.size() > MAX_DRIVES) {
      throw new IllegalArgumentException("an import job has 1 to " + MAX_DRIVES + " drives, not " + drives.size());
    }
  }
}
