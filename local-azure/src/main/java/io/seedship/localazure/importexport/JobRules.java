package io.seedship.localazure.importexport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.spec.SwaggerDefinitions;
import io.seedship.localazure.spec.SwaggerDefinitions.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Import/Export refuses, checked before anything is stored: every refusal is a 400 (or 409 for a job in the
 * wrong state) whose target and message name the offending field, so a client learns what to fix from one answer.
 */
final class JobRules {

  /**
   * Job names: 2-64 letters, digits and hyphens, starting with a letter. The API definition states no rule; this
   * is the one the Azure portal applies to Import/Export jobs (and the examples' "myJob" passes it).
   */
  static final Pattern JOB_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,63}");
  static final int MAX_DRIVES = 10;
  static final List<String> DRIVE_FIELDS =
      List.of("driveId", "bitLockerKey", "manifestFile", "manifestHash", "driveHeaderHash");
  static final List<String> LOG_LEVELS = List.of("Error", "Verbose");
  static final List<String> KEK_TYPES = List.of("MicrosoftManaged", "CustomerManaged");

  /** Storage account ids as ARM writes them; Import/Export takes Resource Manager and classic accounts. */
  private static final Pattern STORAGE_ACCOUNT_ID = Pattern.compile(
      "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/(Microsoft\\.Storage|Microsoft\\.ClassicStorage)"
          + "/storageAccounts/([a-z0-9]{3,24})", Pattern.CASE_INSENSITIVE);

  private final SwaggerDefinitions definitions = SwaggerDefinitions.importExport();
  private final java.util.function.Predicate<String> storageAccountExists;

  /** {@code storageAccountExists} answers for Microsoft.Storage ids (local-azure's own accounts). */
  JobRules(java.util.function.Predicate<String> storageAccountExists) {
    this.storageAccountExists = storageAccountExists;
  }

  void requireValidName(String jobName) {
    if (!JOB_NAME.matcher(jobName).matches()) {
      throw new ArmException(400, "InvalidResourceName", "The resource name '" + jobName + "' is invalid: a job name"
          + " has 2 to 64 letters, digits or hyphens and starts with a letter.", "jobName");
    }
  }

  /** The body against the published definition: the first broken rule becomes the error, all are listed. */
  void requireSchema(String definition, ObjectNode body) {
    List<Violation> violations = definitions.validate(definition, body);
    if (!violations.isEmpty()) {
      throw new ArmException(400, "InvalidRequestContent", "The request content was invalid against "
          + definition + ": " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")) + ".",
          violations.get(0).path());
    }
  }

  /** Everything a PUT must satisfy beyond the schema; {@code subscriptionId} is the job's. */
  void requirePut(ObjectNode body, String subscriptionId, Locations locations) {
    JsonNode location = body.get("location");
    if (location == null || location.asText().isBlank()) {
      throw new ArmException(400, "LocationRequired", "The location property is required for this definition.",
          "location");
    }
    if (locations.find(location.asText()).isEmpty()) {
      throw new ArmException(400, "LocationNotAvailableForResourceType", "The provided location '"
          + location.asText() + "' is not available for resource type '" + ImportExport.JOB_TYPE
          + "'. List of available regions for the resource type is '" + String.join(",", locations.names()) + "'.",
          "location");
    }
    if (!(body.get("properties") instanceof ObjectNode properties)) {
      throw invalid("properties", "The job's 'properties' are required.");
    }
    requireStorageAccount(properties.path("storageAccountId"), subscriptionId);
    String jobType = properties.path("jobType").asText("");
    if (!jobType.equals("Import") && !jobType.equals("Export")) {
      throw invalid("properties.jobType", "The job's 'properties.jobType' must be 'Import' or 'Export', not '"
          + jobType + "'.");
    }
    if (jobType.equals("Import")) {
      if (properties.has("export")) {
        throw invalid("properties.export", "'properties.export' must not be given for an Import job.");
      }
      if (!properties.has("driveList")) {
        throw invalid("properties.driveList", "An Import job needs 'properties.driveList' with 1 to " + MAX_DRIVES
            + " drives.");
      }
      requireDrives(properties.get("driveList"), true);
    } else {
      if (properties.has("driveList")) {
        throw invalid("properties.driveList", "'properties.driveList' must not be given when creating an Export "
            + "job; the drives are named when they are shipped.");
      }
      requireExport(properties.path("export"));
    }
    requireCommon(properties);
    JsonNode encryption = properties.path("encryptionKey");
    if (encryption.has("kekType") && !KEK_TYPES.contains(encryption.get("kekType").asText())) {
      throw invalid("properties.encryptionKey.kekType", "'properties.encryptionKey.kekType' must be one of "
          + KEK_TYPES + ", not '" + encryption.get("kekType").asText() + "'.");
    }
    if (encryption.path("kekType").asText().equals("CustomerManaged") && encryption.path("kekUrl").asText().isBlank()) {
      throw invalid("properties.encryptionKey.kekUrl", "A CustomerManaged 'properties.encryptionKey' needs a kekUrl.");
    }
  }

  /** Fields either request may carry. */
  void requireCommon(JsonNode properties) {
    JsonNode logLevel = properties.get("logLevel");
    if (logLevel != null && !LOG_LEVELS.contains(logLevel.asText())) {
      throw invalid("properties.logLevel", "'properties.logLevel' must be one of " + LOG_LEVELS + ", not '"
          + logLevel.asText() + "'.");
    }
  }

  /**
   * 1 to 10 drives with distinct ids; an import drive names its BitLocker key, manifest and hashes (an export
   * drive is blank when shipped, so only its id is needed).
   */
  void requireDrives(JsonNode driveList, boolean importJob) {
    if (!driveList.isArray() || driveList.isEmpty() || driveList.size() > MAX_DRIVES) {
      throw invalid("properties.driveList", "'properties.driveList' must hold 1 to " + MAX_DRIVES + " drives, not "
          + driveList.size() + ".");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < driveList.size(); i++) {
      JsonNode drive = driveList.get(i);
      for (String field : importJob ? DRIVE_FIELDS : List.of("driveId")) {
        if (drive.path(field).asText("").isBlank()) {
          throw invalid("properties.driveList[" + i + "]." + field, "'properties.driveList[" + i + "]." + field
              + "' is required for every drive" + (importJob ? " of an Import job." : "."));
        }
      }
      if (!ids.add(drive.get("driveId").asText().toLowerCase(Locale.ROOT))) {
        throw invalid("properties.driveList[" + i + "].driveId", "'properties.driveList[" + i + "].driveId' repeats"
            + " the drive '" + drive.get("driveId").asText() + "': each drive may appear once.");
      }
    }
  }

  private void requireExport(JsonNode export) {
    if (!export.isObject()) {
      throw invalid("properties.export", "An Export job needs 'properties.export' naming the blobs to export.");
    }
    JsonNode blobList = export.path("blobList");
    boolean listed = !blobList.path("blobPath").isEmpty() || !blobList.path("blobPathPrefix").isEmpty();
    if (!listed && export.path("blobListBlobPath").asText("").isBlank()) {
      throw invalid("properties.export", "'properties.export' needs blobList.blobPath, blobList.blobPathPrefix or "
          + "blobListBlobPath.");
    }
  }

  private void requireStorageAccount(JsonNode id, String subscriptionId) {
    if (id.isMissingNode() || id.isNull() || id.asText().isBlank()) {
      throw invalid("properties.storageAccountId", "The job's 'properties.storageAccountId' is required.");
    }
    Matcher m = STORAGE_ACCOUNT_ID.matcher(id.asText());
    if (!m.matches()) {
      throw invalid("properties.storageAccountId", "'properties.storageAccountId' '" + id.asText() + "' is not the"
          + " resource id of a storage account (/subscriptions/{id}/resourceGroups/{group}/providers/"
          + "Microsoft.Storage/storageAccounts/{name}, or Microsoft.ClassicStorage).");
    }
    if (!m.group(1).equalsIgnoreCase(subscriptionId)) {
      throw invalid("properties.storageAccountId", "'properties.storageAccountId' is in subscription '"
          + m.group(1) + "', but the job is in '" + subscriptionId + "': they must be the same.");
    }
    requireStorageAccountExists(id.asText(), m.group(3));
  }

  /**
   * The target account must exist, as Azure checks at creation. Microsoft.Storage ids are looked up in local-azure's
   * accounts; classic ids (Microsoft.ClassicStorage, as in the published example) have no API here and pass.
   */
  void requireStorageAccountExists(String storageAccountId, String provider) {
    if (provider.equalsIgnoreCase("Microsoft.Storage") && !storageAccountExists.test(storageAccountId)) {
      throw invalid("properties.storageAccountId", "The storage account '" + storageAccountId
          + "' in 'properties.storageAccountId' was not found.");
    }
  }

  static ArmException invalid(String target, String message) {
    return new ArmException(400, "InvalidParameter", message, target);
  }

  static ArmException wrongState(Job job, String message) {
    return new ArmException(409, "InvalidJobState", "The job '" + job.name() + "' is in state '" + job.state()
        + "': " + message, "properties.state");
  }
}
