package io.seedship.runtime.azure.importexport;

import io.seedship.contracts.common.DriveState;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.runtime.azure.importexport.ImportJobModels.DriveStatus;
import io.seedship.runtime.azure.importexport.ImportJobModels.ImportJob;
import io.seedship.runtime.azure.importexport.ImportJobModels.LocationDetails;
import io.seedship.runtime.azure.importexport.ImportJobModels.NewJob;
import io.seedship.runtime.azure.importexport.ImportJobModels.PackageInformation;
import io.seedship.runtime.azure.importexport.ImportJobModels.ReturnAddress;
import io.seedship.runtime.azure.importexport.ImportJobModels.ReturnShipping;
import io.seedship.runtime.azure.importexport.ImportJobModels.ShippingInformation;
import io.seedship.runtime.azure.importjobs.Datacenter;
import io.seedship.runtime.azure.importjobs.DeliveryPackage;
import io.seedship.runtime.azure.importjobs.DriveProgress;
import io.seedship.runtime.azure.importjobs.ImportDrive;
import io.seedship.runtime.azure.importjobs.ImportJobNameTaken;
import io.seedship.runtime.azure.importjobs.ImportJobRequest;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link ImportJobs} on Microsoft.ImportExport 2021-01-01: the one place its wire shapes meet the contracts. */
public final class ImportExportJobs implements ImportJobs {

  private static final Map<String, ImportJobState> JOB_STATES = Map.of("creating", ImportJobState.CREATING,
      "shipping", ImportJobState.SHIPPING, "received", ImportJobState.RECEIVED, "transferring",
      ImportJobState.TRANSFERRING, "packaging", ImportJobState.PACKAGING, "closed", ImportJobState.CLOSED,
      "completed", ImportJobState.COMPLETED);
  private static final Map<String, DriveState> DRIVE_STATES = Map.of("specified", DriveState.SPECIFIED,
      "received", DriveState.RECEIVED, "neverreceived", DriveState.NEVER_RECEIVED, "transferring",
      DriveState.TRANSFERRING, "completed", DriveState.COMPLETED, "completedmoreinfo", DriveState.COMPLETED_MORE_INFO,
      "shippedback", DriveState.SHIPPED_BACK);

  private final ImportExportClient client;

  public ImportExportJobs(ImportExportClient client) {
    this.client = client;
  }

  @Override
  public ImportJobStatus create(ImportJobRequest request) {
    Optional<ImportJob> existing = client.find(request.resourceGroup(), request.jobName());
    if (existing.isPresent()) {
      return adopt(request, existing.get());
    }
    ImportJob created = client.create(request.resourceGroup(), request.jobName(), NewJob.imports(request.location(),
        request.storageAccountId(), returnAddress(request.returnAddress()), request.returnShipping() == null ? null
            : new ReturnShipping(request.returnShipping().getCarrierName(),
            request.returnShipping().getCarrierAccountNumber()), request.diagnosticsPath(),
        request.drives().stream().map(d -> DriveStatus.forImport(d.driveId(), d.bitLockerKey(), d.manifestFile(),
            d.manifestHash(), d.driveHeaderHash())).toList()));
    return status(request.resourceGroup(), created);
  }

  /** The job of that name, made by an earlier try of the same request: the same account and the same drives. */
  private ImportJobStatus adopt(ImportJobRequest request, ImportJob job) {
    String account = job.properties() == null ? null : job.properties().storageAccountId();
    Set<String> drives = job.properties() == null || job.properties().driveList() == null ? Set.of()
        : job.properties().driveList().stream().map(DriveStatus::driveId).collect(Collectors.toSet());
    Set<String> wanted = request.drives().stream().map(ImportDrive::driveId).collect(Collectors.toSet());
    if (!request.storageAccountId().equalsIgnoreCase(account) || !drives.equals(wanted)) {
      throw new ImportJobNameTaken("import job name '" + request.jobName() + "' in resource group '"
          + request.resourceGroup() + "' belongs to another job (storage account " + account + ", drives " + drives
          + "); Seedship adopts only the job it created itself. Choose another import job name");
    }
    return status(request.resourceGroup(), job);
  }

  @Override
  public Optional<ImportJobStatus> find(String resourceGroup, String jobName) {
    return client.find(resourceGroup, jobName).map(job -> status(resourceGroup, job));
  }

  @Override
  public List<ImportJobStatus> list(String resourceGroup) {
    return client.listByResourceGroup(resourceGroup, null, null).stream().map(job -> status(resourceGroup, job))
        .toList();
  }

  @Override
  public ImportJobStatus ship(String resourceGroup, String jobName, DeliveryPackage deliveryPackage) {
    ImportJobStatus current = status(resourceGroup, client.get(resourceGroup, jobName));
    if (current.state() != ImportJobState.CREATING && deliveryPackage.equals(current.deliveryPackage())) {
      return current; // sent before: Azure already has exactly this package
    }
    PackageInformation sent = new PackageInformation(deliveryPackage.carrierName(), deliveryPackage.trackingNumber(),
        (long) deliveryPackage.driveCount(), deliveryPackage.shipDate().toString());
    // a job already Shipping takes a corrected package without a state change (Azure refuses Shipping twice)
    return status(resourceGroup, current.state() == ImportJobState.SHIPPING
        ? client.changeDeliveryPackage(resourceGroup, jobName, sent)
        : client.markShipping(resourceGroup, jobName, sent, null));
  }

  @Override
  public ImportJobStatus cancel(String resourceGroup, String jobName) {
    return status(resourceGroup, client.cancel(resourceGroup, jobName));
  }

  @Override
  public Datacenter datacenter(String location) {
    LocationDetails d = client.location(location).properties();
    return new Datacenter(location, address(d.recipientName(), d.streetAddress1(), d.streetAddress2(), d.city(),
        d.stateOrProvince(), d.postalCode(), d.countryOrRegion(), d.phone(), d.additionalShippingInformation()),
        d.supportedCarriers() == null ? List.of() : d.supportedCarriers(),
        d.alternateLocations() == null ? List.of() : d.alternateLocations());
  }

  private static ImportJobStatus status(String resourceGroup, ImportJob job) {
    var p = job.properties();
    ShippingInformation to = p == null ? null : p.shippingInformation();
    PackageInformation sent = p == null ? null : p.deliveryPackage();
    return new ImportJobStatus(job.id(), resourceGroup, job.name(), job.location(), p == null ? null : p.storageAccountId(),
        state(JOB_STATES, p == null ? null : p.state(), ImportJobState.UNKNOWN),
        p == null || p.percentComplete() == null ? null : p.percentComplete().intValue(),
        p == null || p.driveList() == null ? List.of() : p.driveList().stream().map(d -> new DriveProgress(d.driveId(),
            state(DRIVE_STATES, d.state(), DriveState.UNKNOWN), d.percentComplete() == null ? null
            : d.percentComplete().intValue(), d.bytesSucceeded(), d.errorLogUri(), d.verboseLogUri(),
            d.copyStatus())).toList(),
        to == null ? null : new Datacenter(job.location(), address(to.recipientName(), to.streetAddress1(),
            to.streetAddress2(), to.city(), to.stateOrProvince(), to.postalCode(), to.countryOrRegion(), to.phone(),
            to.additionalInformation()), List.of(), List.of()),
        sent == null || sent.trackingNumber() == null ? null : new DeliveryPackage(sent.carrierName(),
            sent.trackingNumber(), sent.driveCount() == null ? 0 : sent.driveCount().intValue(),
            sent.shipDate() == null ? null : LocalDate.parse(sent.shipDate().substring(0, 10))),
        p != null && Boolean.TRUE.equals(p.cancelRequested()),
        job.systemData() == null || job.systemData().lastModifiedAt() == null ? null
            : OffsetDateTime.parse(job.systemData().lastModifiedAt()).toInstant());
  }

  private static <T> T state(Map<String, T> states, String value, T unknown) {
    return value == null ? unknown : states.getOrDefault(value.toLowerCase(Locale.ROOT), unknown);
  }

  private static ReturnAddress returnAddress(PostalAddress a) {
    return a == null ? null : new ReturnAddress(a.getRecipientName(), a.getStreetAddress1(), a.getStreetAddress2(),
        a.getCity(), a.getStateOrProvince(), a.getPostalCode(), a.getCountryOrRegion(), a.getPhone(), a.getEmail());
  }

  private static PostalAddress address(String recipient, String street1, String street2, String city, String state,
                                       String postalCode, String country, String phone, String more) {
    return PostalAddress.newBuilder().setRecipientName(nonNull(recipient)).setStreetAddress1(nonNull(street1))
        .setStreetAddress2(street2).setCity(nonNull(city)).setStateOrProvince(state)
        .setPostalCode(nonNull(postalCode)).setCountryOrRegion(nonNull(country)).setPhone(phone).setEmail(null)
        .setAdditionalInformation(more).build();
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
