package io.seedship.runtime.azure.importjobs;

import java.util.List;
import java.util.Optional;

/**
 * Customer-disk import jobs, whichever Azure API carries them: Microsoft.ImportExport 2021-01-01 (the workflow as
 * documented; {@code importexport.ImportExportJobs}) today, Microsoft.DataBox's {@code DataBoxCustomerDisk} jobs (Azure
 * since 2023) behind the same interface later. Nothing outside an implementation may assume one API's shapes: callers
 * see these records and the contracts' job and drive states only.
 *
 * <p>Every call may throw {@code AzureException} (and {@code AzureException.Throttled}, which durable work re-queues).
 */
public interface ImportJobs {

  /**
   * Creates the job, or adopts the job of that name when it already exists for the same storage account and drives
   * (a retry after a crash between Azure's answer and the caller's commit): a job is never created twice.
   *
   * @throws ImportJobNameTaken when a different job has the name
   */
  ImportJobStatus create(ImportJobRequest request);

  Optional<ImportJobStatus> find(String resourceGroup, String jobName);

  /** Every job of the resource group, following the API's paging. */
  List<ImportJobStatus> list(String resourceGroup);

  /**
   * Records the delivery package and moves the job to Shipping; sending the same package again changes nothing, and a
   * different one for a job already Shipping replaces the package (callers decide whether a change is still allowed).
   */
  ImportJobStatus ship(String resourceGroup, String jobName, DeliveryPackage deliveryPackage);

  ImportJobStatus cancel(String resourceGroup, String jobName);

  /** Where drives for {@code location} are sent, and with which carriers. */
  Datacenter datacenter(String location);
}
