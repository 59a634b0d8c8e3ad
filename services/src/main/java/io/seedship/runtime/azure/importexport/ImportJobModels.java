package io.seedship.runtime.azure.importexport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The Import/Export 2021-01-01 wire types (storageimportexport.json), as records named like the definition's.
 * BitLocker keys are secrets: records that carry one keep it out of toString.
 */
public final class ImportJobModels {

  private ImportJobModels() {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ImportJob(String id, String name, String type, String location, Map<String, String> tags,
      JobDetails properties, SystemData systemData) {

    public String state() {
      return properties == null ? null : properties.state();
    }
  }

  /** ARM's record of who made and last changed the resource, and when (ISO-8601). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SystemData(String createdAt, String lastModifiedAt) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record JobDetails(String storageAccountId, String jobType, ReturnAddress returnAddress,
      ReturnShipping returnShipping, ShippingInformation shippingInformation, PackageInformation deliveryPackage,
      PackageInformation returnPackage, String diagnosticsPath, String logLevel, Boolean backupDriveManifest,
      String state, Boolean cancelRequested, Long percentComplete, String incompleteBlobListUri,
      List<DriveStatus> driveList, String provisioningState) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ReturnAddress(String recipientName, String streetAddress1, String streetAddress2, String city,
      String stateOrProvince, String postalCode, String countryOrRegion, String phone, String email) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ReturnShipping(String carrierName, String carrierAccountNumber) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ShippingInformation(String recipientName, String streetAddress1, String streetAddress2, String city,
      String stateOrProvince, String postalCode, String countryOrRegion, String phone, String additionalInformation) {
  }

  /** A package of drives: to the datacenter (deliveryPackage) or back (returnPackage). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PackageInformation(String carrierName, String trackingNumber, Long driveCount, String shipDate) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DriveStatus(String driveId, String bitLockerKey, String manifestFile, String manifestHash,
      String driveHeaderHash, String state, String copyStatus, Long percentComplete, String verboseLogUri,
      String errorLogUri, String manifestUri, Long bytesSucceeded) {

    /** A drive as the job is created with it. */
    public static DriveStatus forImport(String driveId, String bitLockerKey, String manifestFile, String manifestHash,
        String driveHeaderHash) {
      return new DriveStatus(driveId, bitLockerKey, manifestFile, manifestHash, driveHeaderHash, null, null, null,
          null, null, null, null);
    }

    @Override
    public String toString() {
      return "DriveStatus[driveId=" + driveId + ", bitLockerKey=" + (bitLockerKey == null ? null : "(redacted)")
          + ", manifestFile=" + manifestFile + ", manifestHash=" + manifestHash + ", state=" + state
          + ", percentComplete=" + percentComplete + "]";
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DriveBitLockerKey(String driveId, String bitLockerKey) {
    @Override
    public String toString() {
      return "DriveBitLockerKey[driveId=" + driveId + ", bitLockerKey=(redacted)]";
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ImportExportLocation(String id, String name, String type, LocationDetails properties) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LocationDetails(String recipientName, String streetAddress1, String streetAddress2, String city,
      String stateOrProvince, String postalCode, String countryOrRegion, String phone,
      String additionalShippingInformation, List<String> supportedCarriers, List<String> alternateLocations) {
  }

  /** The body of a create (PutJobParameters). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NewJob(String location, Map<String, String> tags, JobDetails properties) {

    public static NewJob imports(String location, String storageAccountId, ReturnAddress returnAddress,
        ReturnShipping returnShipping, String diagnosticsPath, List<DriveStatus> drives) {
      return new NewJob(location, null, new JobDetails(storageAccountId, "Import", returnAddress, returnShipping, null,
          null, null, diagnosticsPath, "Verbose", true, null, null, null, null, drives, null));
    }
  }

  /** The body of an update (UpdateJobParameters): only the fields set are changed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JobUpdate(Map<String, String> tags, UpdateDetails properties) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UpdateDetails(Boolean cancelRequested, String state, ReturnAddress returnAddress,
      ReturnShipping returnShipping, PackageInformation deliveryPackage, String logLevel, Boolean backupDriveManifest,
      List<DriveStatus> driveList) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Page<T>(List<T> value, String nextLink) {
  }
}
