package io.seedship.staging.intake;

import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.Cloud;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.common.ReturnShipping;
import io.seedship.contracts.common.WorkloadType;
import io.seedship.runtime.azure.AzureNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * Checks every input of a seed request before anything is staged, and reports all problems at once, so an operator
 * fixes a request in one round rather than one refusal at a time. Each problem names its field, the offending value
 * (never a secret, and cut when it is long) and what to do.
 *
 * <p>Two entry points, because one part takes as long as the source is large:
 * <ul>
 *   <li>{@link #validate}: every check that is fast and bounded (lengths, names, the publish-settings file, the
 *       staging location's existence and writability, the source directory itself), for the HTTP front door and
 *       the command handler;</li>
 *   <li>{@link #checkSource}: the walk of the source tree (unreadable entries, paths too long to open), the size
 *       estimate and the staging location's free space against it; run later, as durable work, on a request that
 *       passed {@link #validate}.</li>
 * </ul>
 *
 * <p>Validation changes nothing on disk: the staging location's write probe is deleted at once, and the source and
 * the publish-settings file are only read.
 */
public final class SeedRequestValidator {

  /** The workloads Azure Backup can seed offline. */
  static final List<WorkloadType> SEEDABLE =
      List.of(WorkloadType.MARS_FILES_AND_FOLDERS, WorkloadType.DPM, WorkloadType.MABS);

  private final SizeEstimator sizeEstimator;
  private final Predicate<String> jobNameTaken;
  private final StagingLocationCheck stagingLocation;
  private final AllowedRoots roots;

  /**
   * @param sizeEstimator sizes a valid source, for the staging location's free-space check ({@link #checkSource})
   * @param jobNameTaken true when a Seedship job already has this Import/Export job name (Azure compares names
   *     without regard to case, so the predicate should too)
   * @param freeSpace the room the staging location needs beyond the estimate
   */
  public SeedRequestValidator(SizeEstimator sizeEstimator, Predicate<String> jobNameTaken, FreeSpacePolicy freeSpace,
                              AllowedRoots roots) {
    this.sizeEstimator = Objects.requireNonNull(sizeEstimator, "sizeEstimator");
    this.jobNameTaken = Objects.requireNonNull(jobNameTaken, "jobNameTaken");
    this.stagingLocation = new StagingLocationCheck(Objects.requireNonNull(freeSpace, "freeSpace"));
    this.roots = Objects.requireNonNull(roots, "roots");
  }

  /** With the default free-space policy (10% margin and a 1 GiB reserve), anywhere. */
  public SeedRequestValidator(SizeEstimator sizeEstimator, Predicate<String> jobNameTaken) {
    this(sizeEstimator, jobNameTaken, FreeSpacePolicy.DEFAULT, AllowedRoots.ANYWHERE);
  }

  /**
   * Every problem found by the fast, bounded checks: no walk of the source tree and no size estimate, so its time
   * does not grow with the data. {@link Validation#estimate()} is always empty here.
   */
  public Validation validate(SeedRequest request) {
    Objects.requireNonNull(request, "request");
    Problems problems = new Problems();
    Set<String> tooLong = FieldLimits.check(request, problems);
    Optional<Path> source = path(problems, tooLong, "sourcePath", request.getSourcePath())
        .flatMap(value -> SourcePathCheck.check(value, problems));
    Optional<Path> staging = path(problems, tooLong, "stagingLocation", request.getStagingLocation())
        .flatMap(value -> stagingLocation.check(value, problems));
    if (source.isPresent() && staging.isPresent()) {
      stagingOutsideSource(staging.get(), source.get(), problems);
    }
    Optional<PublishSettings> settings = path(problems, tooLong, "publishSettingsFile",
        request.getPublishSettingsFile()).flatMap(value -> publishSettings(value, request.getSubscriptionId(),
        problems));
    present(problems, "importJobName", request.getImportJobName())
        .ifPresent(name -> importJobName(name, problems));
    azureName(problems, "subscriptionId", request.getSubscriptionId(), AzureNames::subscriptionId);
    azureName(problems, "resourceGroup", request.getResourceGroup(), AzureNames::resourceGroup);
    azureName(problems, "storageAccount", request.getStorageAccount(), AzureNames::storageAccount);
    azureName(problems, "container", request.getContainer(), AzureNames::blobContainer);
    cloud(request.getCloud(), problems);
    optionalGuid(problems, "tenantId", request.getTenantId(), AzureNames::tenantId);
    optionalGuid(problems, "azureUserId", request.getAzureUserId(), AzureNames::userObjectId);
    workloadType(request.getWorkloadType(), problems);
    backupServer(request.getBackupServer(), problems);
    returnAddress(request.getReturnAddress(), problems);
    returnShipping(request.getReturnShipping(), problems);
    present(problems, "copyMachine", request.getCopyMachine());
    return new Validation(problems.inFieldOrder(), Optional.empty(), settings);
  }

  /**
   * The slow part, for a request that passed {@link #validate}: walks the source tree for entries that cannot be read
   * or whose path is too long to open, estimates the staged size, and checks the staging location's free space
   * against it. Its time grows with the source (the walk visits every entry, the estimate reads samples).
   *
   * @return the problems (on sourcePath and stagingLocation); {@link Validation#estimate()} is present when the
   *     source could be sized, so whenever the result is ok; {@link Validation#publishSettings()} is empty
   */
  public Validation checkSource(SeedRequest request) {
    Objects.requireNonNull(request, "request");
    Problems problems = new Problems();
    // validate passed, so these are given, bounded, absolute and existing; looked at again in case one vanished
    Optional<Path> source = present(problems, "sourcePath", request.getSourcePath())
        .flatMap(value -> SourcePathCheck.check(value, problems)
            .flatMap(dir -> SourcePathCheck.walk(dir, value, problems)));
    Optional<Estimate> estimate = source.flatMap(path -> estimate(path, problems));
    if (estimate.isPresent()) {
      present(problems, "stagingLocation", request.getStagingLocation())
          .ifPresent(value -> LocalPaths.existingDirectory("stagingLocation", value, problems,
                  "create the directory or give an existing one", "give the directory the initial backup is written"
                      + " into")
              .ifPresent(dir -> stagingLocation.checkRoom(dir, value, estimate.get(), problems)));
    }
    return new Validation(problems.inFieldOrder(), estimate, Optional.empty());
  }

  /** A path field's value when it is given and within its length limit (a longer one is reported already). */
  /** A path field's value once it is present, short enough, and within the allowed roots. */
  private Optional<String> path(Problems problems, Set<String> tooLong, String field, String value) {
    if (tooLong.contains(field)) {
      return Optional.empty();
    }
    // a value that is no absolute path is left to the field's own check, which says so
    return present(problems, field, value).filter(v -> LocalPaths.absolute(v)
        .map(p -> roots.check(field, p, problems).isPresent()).orElse(true));
  }

  /**
   * Optional, and fine when not given (null or blank: cert-service then names the server after the subscription);
   * otherwise a host name, by the rule cert-service applies when it prepares the server.
   */
  private static void backupServer(String value, Problems problems) {
    if (value != null && !value.isBlank()) {
      AzureNames.backupServer(value.strip()).ifPresent(message -> problems.add("backupServer", "backupServer "
          + message + "; or leave backupServer out (null)"));
    }
  }

  private Optional<Estimate> estimate(Path source, Problems problems) {
    try {
      return Optional.of(sizeEstimator.estimate(source));
    } catch (IOException | UncheckedIOException e) {
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      problems.add("sourcePath", "sourcePath '" + source + "' could not be sized (" + LocalPaths.reason(cause)
          + "), so the staging location's free space cannot be checked; make the source readable and retry");
      return Optional.empty();
    }
  }

  /** Staging into the source would back up the staged backup itself. */
  private static void stagingOutsideSource(Path staging, Path source, Problems problems) {
    try {
      Path realStaging = staging.toRealPath();
      Path realSource = source.toRealPath();
      if (realStaging.startsWith(realSource)) {
        problems.add("stagingLocation", "stagingLocation '" + staging + "' is inside sourcePath '" + source
            + "': the staged backup would become part of the data it backs up; choose a staging location outside"
            + " the source");
      }
    } catch (IOException e) {
      // both were just checked to exist; if one vanished since, the seed fails at staging with its own error
    }
  }

  private static Optional<PublishSettings> publishSettings(String value, String subscriptionId, Problems problems) {
    Optional<Path> file = LocalPaths.parse("publishSettingsFile", value, problems);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    PublishSettings settings;
    try {
      settings = PublishSettings.read(file.get());
    } catch (PublishSettingsException e) {
      problems.add("publishSettingsFile", "publishSettingsFile '" + value + "' " + e.problem());
      return Optional.empty();
    }
    // A malformed subscription id is reported on its own field; looking it up here would only repeat that.
    if (subscriptionId != null && AzureNames.subscriptionId(subscriptionId).isEmpty()
        && settings.subscription(subscriptionId).isEmpty()) {
      problems.add("publishSettingsFile", "publishSettingsFile '" + value + "' does not hold subscription "
          + subscriptionId + "; it holds " + String.join(", ", settings.subscriptionIds()) + ". Download the"
          + " publish settings of subscription " + subscriptionId + " from the Azure portal, or correct"
          + " subscriptionId");
    }
    return Optional.of(settings);
  }

  private void importJobName(String name, Problems problems) {
    Optional<String> invalid = AzureNames.importJobName(name);
    if (invalid.isPresent()) {
      problems.add("importJobName", "importJobName " + invalid.get());
    } else if (jobNameTaken.test(name)) {
      problems.add("importJobName", "importJobName '" + name + "' is already used: a Seedship job has that name,"
          + " and Import/Export job names must be unique among Seedship's jobs; choose another name");
    }
  }

  private static void azureName(Problems problems, String field, String value,
      Function<String, Optional<String>> rule) {
    present(problems, field, value).flatMap(rule).ifPresent(message -> problems.add(field, field + " " + message));
  }

  /** Null means "not given" and is fine; anything given must be a GUID, even a blank string. */
  private static void optionalGuid(Problems problems, String field, String value,
      Function<String, Optional<String>> rule) {
    if (value != null) {
      rule.apply(value).ifPresent(message -> problems.add(field, field + " " + message + "; or leave " + field
          + " out (null)"));
    }
  }

  private static void cloud(Cloud cloud, Problems problems) {
    if (cloud == null) {
      problems.add("cloud", missing("cloud"));
    } else if (cloud == Cloud.UNKNOWN) {
      problems.add("cloud", "cloud UNKNOWN is not an Azure cloud Seedship can seed into; use one of "
          + Arrays.stream(Cloud.values()).filter(c -> c != Cloud.UNKNOWN).map(Cloud::name)
          .collect(Collectors.joining(", ")));
    }
  }

  private static void workloadType(WorkloadType type, Problems problems) {
    String accepted = SEEDABLE.stream().map(WorkloadType::name).collect(Collectors.joining(", "));
    if (type == null) {
      problems.add("workloadType", missing("workloadType"));
    } else if (type == WorkloadType.MARS_SYSTEM_STATE) {
      // Microsoft: "Offline backup isn't supported for system state backups done by using the Azure Backup Agent."
      problems.add("workloadType", "workloadType MARS_SYSTEM_STATE cannot be seeded offline: Azure Backup's offline"
          + " backup does not support system state backups made with the MARS agent, so system state must be backed"
          + " up online. Back up system state over the network with the MARS agent, and seed the files and folders"
          + " with workloadType MARS_FILES_AND_FOLDERS");
    } else if (!SEEDABLE.contains(type)) {
      problems.add("workloadType", "workloadType " + type + " is not a workload Seedship can seed; use one of "
          + accepted);
    }
  }

  /** Import/Export requires these to ship the drives back; phone and e-mail are required for a return address. */
  private static void returnAddress(PostalAddress address, Problems problems) {
    if (address == null) {
      problems.add("returnAddress", missing("returnAddress"));
      return;
    }
    Schema schema = PostalAddress.getClassSchema();
    for (String field : List.of("recipientName", "streetAddress1", "city", "postalCode", "countryOrRegion", "phone",
        "email")) {
      nested(problems, "returnAddress", schema, field, (CharSequence) address.get(field));
    }
  }

  private static void returnShipping(ReturnShipping shipping, Problems problems) {
    if (shipping == null) {
      problems.add("returnShipping", missing("returnShipping"));
      return;
    }
    Schema schema = ReturnShipping.getClassSchema();
    nested(problems, "returnShipping", schema, "carrierName", shipping.getCarrierName());
    nested(problems, "returnShipping", schema, "carrierAccountNumber", shipping.getCarrierAccountNumber());
  }

  private static void nested(Problems problems, String parent, Schema schema, String field, CharSequence value) {
    if (value == null || value.toString().isBlank()) {
      String path = parent + "." + field;
      problems.add(path, path + " is missing: " + schema.getField(field).doc());
    }
  }

  /** The value when it is given; otherwise reports it missing, with the field's description from the contract. */
  private static Optional<String> present(Problems problems, String field, String value) {
    if (value == null || value.isBlank()) {
      problems.add(field, missing(field));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private static String missing(String field) {
    return field + " is missing: " + SeedRequest.getClassSchema().getField(field).doc();
  }
}
