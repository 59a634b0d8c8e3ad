package io.seedship.runtime.azure.importexport;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JavaType;
import io.seedship.runtime.azure.core.ArmRest;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.importexport.ImportJobModels.DriveBitLockerKey;
import io.seedship.runtime.azure.importexport.ImportJobModels.ImportExportLocation;
import io.seedship.runtime.azure.importexport.ImportJobModels.ImportJob;
import io.seedship.runtime.azure.importexport.ImportJobModels.JobUpdate;
import io.seedship.runtime.azure.importexport.ImportJobModels.NewJob;
import io.seedship.runtime.azure.importexport.ImportJobModels.PackageInformation;
import io.seedship.runtime.azure.importexport.ImportJobModels.Page;
import io.seedship.runtime.azure.importexport.ImportJobModels.ReturnAddress;
import io.seedship.runtime.azure.importexport.ImportJobModels.UpdateDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Microsoft.ImportExport jobs and locations, api-version 2021-01-01, over ARM's REST paths (the SDK for this
 * provider does not resolve here, and the paths are short). One subscription per client.
 */
public final class ImportExportClient {

  public static final String API_VERSION = "2021-01-01";

  private final ArmRest rest;
  private final String subscriptionId;

  public ImportExportClient(ArmRest rest, String subscriptionId) {
    this.rest = rest;
    this.subscriptionId = subscriptionId;
  }

  /** Creates the job (or replaces it while it is still Creating). */
  public ImportJob create(String resourceGroup, String jobName, NewJob job) {
    return rest.send("create import job " + jobName, HttpMethod.PUT, jobPath(resourceGroup, jobName), version(), job,
        Set.of(200, 201), ImportJob.class);
  }

  public ImportJob get(String resourceGroup, String jobName) {
    return rest.send("get import job " + jobName, HttpMethod.GET, jobPath(resourceGroup, jobName), version(), null,
        Set.of(200), ImportJob.class);
  }

  public Optional<ImportJob> find(String resourceGroup, String jobName) {
    try {
      return Optional.of(get(resourceGroup, jobName));
    } catch (AzureException.NotFound gone) {
      return Optional.empty();
    }
  }

  public ImportJob update(String resourceGroup, String jobName, JobUpdate update) {
    return rest.send("update import job " + jobName, HttpMethod.PATCH, jobPath(resourceGroup, jobName), version(),
        update, Set.of(200), ImportJob.class);
  }

  /** Tells Azure the drives are on their way: the delivery package, and the return address if not yet given. */
  public ImportJob markShipping(String resourceGroup, String jobName, PackageInformation deliveryPackage,
      ReturnAddress returnAddress) {
    return update(resourceGroup, jobName, new JobUpdate(null,
        new UpdateDetails(null, "Shipping", returnAddress, null, deliveryPackage, null, null, null)));
  }

  /** A new delivery package for a job already Shipping (the operator corrected the tracking number or carrier). */
  public ImportJob changeDeliveryPackage(String resourceGroup, String jobName, PackageInformation deliveryPackage) {
    return update(resourceGroup, jobName, new JobUpdate(null,
        new UpdateDetails(null, null, null, null, deliveryPackage, null, null, null)));
  }

  public ImportJob cancel(String resourceGroup, String jobName) {
    return update(resourceGroup, jobName, new JobUpdate(null,
        new UpdateDetails(true, null, null, null, null, null, null, null)));
  }

  /** Azure deletes only jobs in Creating or Completed. */
  public void delete(String resourceGroup, String jobName) {
    rest.send("delete import job " + jobName, HttpMethod.DELETE, jobPath(resourceGroup, jobName), version(), null,
        Set.of(200, 204), Void.class);
  }

  /** The drives' BitLocker keys, as Azure holds them. Secrets: keep them out of logs and events. */
  public List<DriveBitLockerKey> bitLockerKeys(String resourceGroup, String jobName) {
    JavaType type = ArmRest.JSON.getTypeFactory().constructParametricType(Page.class, DriveBitLockerKey.class);
    Page<DriveBitLockerKey> page = rest.send("list BitLocker keys of " + jobName, HttpMethod.POST,
        rest.url(jobPath(resourceGroup, jobName) + "/listBitLockerKeys", version()), null, Set.of(200), type);
    return page == null || page.value() == null ? List.of() : page.value();
  }

  /** Every job of a resource group, all pages; {@code filter} (OData, e.g. {@code state eq 'Creating'}) and {@code top} optional. */
  public List<ImportJob> listByResourceGroup(String resourceGroup, String filter, Integer top) {
    return list("list import jobs of " + resourceGroup, "/subscriptions/" + ArmRest.segment(subscriptionId)
        + "/resourceGroups/" + ArmRest.segment(resourceGroup) + "/providers/Microsoft.ImportExport/jobs", filter, top);
  }

  public List<ImportJob> listBySubscription(String filter, Integer top) {
    return list("list import jobs", "/subscriptions/" + ArmRest.segment(subscriptionId)
        + "/providers/Microsoft.ImportExport/jobs", filter, top);
  }

  public List<ImportExportLocation> locations() {
    JavaType type = ArmRest.JSON.getTypeFactory().constructParametricType(Page.class, ImportExportLocation.class);
    Page<ImportExportLocation> page = rest.send("list Import/Export locations", HttpMethod.GET,
        rest.url("/providers/Microsoft.ImportExport/locations", version()), null, Set.of(200), type);
    return page == null || page.value() == null ? List.of() : page.value();
  }

  /** A datacenter's shipping address, carriers and alternates; {@code name} as "West US" or "westus". */
  public ImportExportLocation location(String name) {
    return rest.send("get Import/Export location " + name, HttpMethod.GET,
        "/providers/Microsoft.ImportExport/locations/" + ArmRest.segment(name), version(), null, Set.of(200),
        ImportExportLocation.class);
  }

  private List<ImportJob> list(String what, String path, String filter, Integer top) {
    Map<String, String> query = version();
    query.put("$filter", filter);
    query.put("$top", top == null ? null : top.toString());
    JavaType type = ArmRest.JSON.getTypeFactory().constructParametricType(Page.class, ImportJob.class);
    List<ImportJob> jobs = new ArrayList<>();
    String url = rest.url(path, query);
    while (url != null) {
      Page<ImportJob> page = rest.send(what, HttpMethod.GET, url, null, Set.of(200), type);
      if (page == null) {
        break;
      }
      if (page.value() != null) {
        jobs.addAll(page.value());
      }
      url = page.nextLink() == null || page.nextLink().isBlank() ? null : page.nextLink();
    }
    return jobs;
  }

  private String jobPath(String resourceGroup, String jobName) {
    return "/subscriptions/" + ArmRest.segment(subscriptionId) + "/resourceGroups/" + ArmRest.segment(resourceGroup)
        + "/providers/Microsoft.ImportExport/jobs/" + ArmRest.segment(jobName);
  }

  private static Map<String, String> version() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("api-version", API_VERSION);
    return query;
  }
}
