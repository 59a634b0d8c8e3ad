package io.seedship.staging.intake;

import static io.seedship.staging.intake.Fixtures.CONTOSO;
import static io.seedship.staging.intake.Fixtures.VISUAL_STUDIO;
import static io.seedship.staging.intake.Fixtures.assertNoCertificateIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.seedship.contracts.Samples;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.Cloud;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.WorkloadType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SeedRequestValidatorTest {

  private static final String PUBLISH_SETTINGS = "schema-2.0.publishsettings";
  private static final Estimate SMALL = new Estimate(3_000, 3, 2_000);
  private static final FreeSpacePolicy NO_RESERVE = new FreeSpacePolicy(0.10, 0);

  @TempDir
  Path root;
  Path staging;
  Path source;
  Path publishSettings;
  final List<Path> estimated = new ArrayList<>();

  @BeforeEach
  void files() throws IOException {
    staging = Files.createDirectory(root.resolve("staging"));
    source = Files.createDirectories(root.resolve("data/finance"));
    Files.writeString(source.resolve("ledger-2024.csv"), "account,amount\n1000,12.50\n");
    Files.createDirectories(source.resolve("reports/q1"));
    Files.writeString(source.resolve("reports/q1/summary.txt"), "Q1 closed.\n");
    Files.createDirectories(root.resolve("etc"));
    publishSettings = Fixtures.publishSettings(root.resolve("etc"), PUBLISH_SETTINGS);
  }

  // --- happy path and the whole request -------------------------------------------------------------------------

  @Test
  void acceptsAValidRequest() {
    Validation validation = validator().validate(request());

    assertThat(validation.problems()).isEmpty();
    assertThat(validation.ok()).isTrue();
    assertThat(validation.reason()).isEqualTo("seed request accepted");
    assertThat(validation.estimate()).as("the fast checks do not size the source").isEmpty();
    assertThat(estimated).isEmpty();
    assertThat(validation.publishSettings()).hasValueSatisfying(s -> {
      assertThat(s.schemaVersion()).isEqualTo(PublishSettings.SchemaVersion.V2_0);
      assertThat(s.subscriptionIds()).containsExactly(CONTOSO.toUpperCase(), VISUAL_STUDIO);
    });
  }

  @Test
  void checkSourceSizesAValidSource() {
    Validation checked = validator().checkSource(request());

    assertThat(checked.problems()).isEmpty();
    assertThat(checked.ok()).isTrue();
    assertThat(checked.estimate()).contains(SMALL);
    assertThat(estimated).containsExactly(source);
  }

  @Test
  void validateNeitherWalksNorSizesTheSource() throws IOException {
    // an unreadable entry deep in the tree and a too-long path are checkSource's: validate stays fast
    Path deep = chain(source.resolve("archive"), 9);
    Path outside = root.resolve("moved");
    chain(outside, 9);
    Path moved = Files.move(outside, deep.resolve("moved"));
    try {
      Validation validation = validator((p -> {
        throw new AssertionError("validate sized the source");
      }), NO_RESERVE).validate(request());

      assertThat(validation.problems()).isEmpty();
      assertThat(validator().checkSource(request()).problems()).extracting(Problem::getField)
          .containsExactly("sourcePath");
    } finally {
      Files.move(moved, outside);
    }
  }

  @ParameterizedTest
  @EnumSource(value = WorkloadType.class, names = {"MARS_FILES_AND_FOLDERS", "DPM", "MABS"})
  void acceptsTheWorkloadsThatCanBeSeededOffline(WorkloadType type) {
    SeedRequest request = request();
    request.setWorkloadType(type);

    assertThat(validator().validate(request).problems()).isEmpty();
  }

  @Test
  void acceptsOptionalIdsThatAreGuidsOrLeftOut() {
    SeedRequest request = request();
    request.setTenantId("72f988bf-86f1-41af-91ab-2d7cd011db47");
    request.setAzureUserId(null);

    assertThat(validator().validate(request).ok()).isTrue();
  }

  @Test
  void listsEveryProblemOfARequestWithManyFaults() throws IOException {
    SeedRequest request = request();
    request.setStagingLocation(root.resolve("no-staging").toString());
    request.setPublishSettingsFile(Fixtures.publishSettings(root, "xxe.publishsettings").toString());
    request.setImportJobName("taken-job");
    request.setSubscriptionId("not-a-guid");
    request.setResourceGroup("backup rg");
    request.setStorageAccount("Contoso_01");
    request.setContainer("Seed_1");
    request.setCloud(Cloud.UNKNOWN);
    request.setTenantId("contoso.onmicrosoft.com");
    request.setAzureUserId("admin@contoso.example");
    request.setWorkloadType(WorkloadType.MARS_SYSTEM_STATE);
    request.setSourcePath(root.resolve("no-source").toString());
    request.getReturnAddress().setCity(" ");
    request.getReturnShipping().setCarrierName("");
    request.setCopyMachine("");

    Validation validation = validator().validate(request);

    assertThat(validation.problems()).extracting(Problem::getField).containsExactly(
        "stagingLocation", "publishSettingsFile", "importJobName", "subscriptionId", "resourceGroup",
        "storageAccount", "container", "cloud", "tenantId", "azureUserId", "workloadType", "sourcePath",
        "returnAddress.city", "returnShipping.carrierName", "copyMachine");
    assertThat(validation.problems()).allSatisfy(p -> assertThat(p.getMessage()).startsWith(p.getField() + " "));
    assertThat(validation.ok()).isFalse();
    assertThat(validation.estimate()).isEmpty();
    assertThat(validation.publishSettings()).isEmpty();
    assertThat(validation.reason())
        .startsWith("seed request refused: 15 problems: stagingLocation '" + root.resolve("no-staging")
            + "' does not exist; ")
        .contains(" | importJobName 'taken-job' is already used")
        .endsWith(" | copyMachine is missing: Id of the disk-prep agent (copy machine) that prepares the drives.");
    assertNoCertificateIn(validation.reason(), "xxe.publishsettings");
  }

  @Test
  void reasonCountsASingleProblem() {
    SeedRequest request = request();
    request.setCopyMachine(" ");

    assertThat(validator().validate(request).reason()).isEqualTo("seed request refused: 1 problem: copyMachine is"
        + " missing: Id of the disk-prep agent (copy machine) that prepares the drives.");
  }

  @Test
  void changesNothingOnDisk() throws IOException {
    Map<String, String> before = snapshot(root);

    validator().validate(request());
    SeedRequest broken = request();
    broken.setImportJobName("taken-job");
    validator().validate(broken);

    assertThat(snapshot(root)).isEqualTo(before);
    try (Stream<Path> left = Files.list(staging)) {
      assertThat(left).isEmpty();
    }
  }

  // --- stagingLocation -------------------------------------------------------------------------------------------

  @Test
  void stagingLocationMustBeGiven() {
    SeedRequest request = request();
    request.setStagingLocation("  ");

    assertThat(messages(validator().validate(request), "stagingLocation"))
        .containsExactly("stagingLocation is missing: Staging directory (local path or UNC share) the initial backup"
            + " is written to; the copy machine reaches it by the same path.");
  }

  @Test
  void stagingLocationMustExist() {
    SeedRequest request = request();
    request.setStagingLocation(root.resolve("nowhere").toString());

    assertThat(messages(validator().validate(request), "stagingLocation")).containsExactly("stagingLocation '"
        + root.resolve("nowhere") + "' does not exist; create the directory or give an existing one");
  }

  @Test
  void stagingLocationMustBeADirectory() throws IOException {
    SeedRequest request = request();
    request.setStagingLocation(Files.writeString(root.resolve("a-file"), "x").toString());

    assertThat(messages(validator().validate(request), "stagingLocation")).singleElement().asString()
        .contains("stagingLocation '" + root.resolve("a-file") + "' is not a directory");
  }

  @Test
  void stagingLocationMustTakeNewFiles() throws Exception {
    try (ReadOnly readOnly = ReadOnly.directory(staging)) {
      Validation validation = validator().validate(request());

      assertThat(messages(validation, "stagingLocation")).singleElement().asString()
          .startsWith("stagingLocation '" + staging + "' is not writable (")
          .endsWith("); give staging-service's account write access to it or choose another directory");
    }
  }

  @Test
  void stagingLocationMustHoldTheEstimatePlusTheMargin() {
    Validation validation = validator(p -> new Estimate(1L << 51, 10, 1L << 50), NO_RESERVE).checkSource(request());

    assertThat(validator(p -> new Estimate(1L << 51, 10, 1L << 50), NO_RESERVE).validate(request()).ok())
        .as("free space is checkSource's").isTrue();

    assertThat(messages(validation, "stagingLocation")).singleElement().asString()
        .startsWith("stagingLocation '" + staging + "' has ")
        .contains(" free but the seed needs 1.1 PiB (1.0 PiB estimated compressed size + 10% margin + 0 B"
            + " reserve); free space there or choose a staging location with more room");
  }

  @Test
  void stagingLocationMustKeepTheReserveFree() throws IOException {
    long free = Files.getFileStore(staging).getUsableSpace();
    FreeSpacePolicy reserveAll = new FreeSpacePolicy(0.25, free + (1L << 40));

    Validation validation = validator(p -> SMALL, reserveAll).checkSource(request());

    assertThat(messages(validation, "stagingLocation")).singleElement().asString()
        .contains("(2.0 KiB estimated compressed size + 25% margin + ")
        .contains(" reserve); free space there");
  }

  @Test
  void stagingLocationMustNotBeInsideTheSource() throws IOException {
    SeedRequest request = request();
    request.setStagingLocation(Files.createDirectory(source.resolve("staging")).toString());

    assertThat(messages(validator().validate(request), "stagingLocation")).singleElement().asString()
        .contains("is inside sourcePath '" + source + "': the staged backup would become part of the data it backs"
            + " up");
  }

  // --- publishSettingsFile ---------------------------------------------------------------------------------------

  @Test
  void publishSettingsFileMustExist() {
    SeedRequest request = request();
    request.setPublishSettingsFile(root.resolve("contoso.publishsettings").toString());

    assertThat(messages(validator().validate(request), "publishSettingsFile")).containsExactly("publishSettingsFile '"
        + root.resolve("contoso.publishsettings") + "' does not exist; check the path (staging-service reads it on"
        + " its own host)");
  }

  @Test
  void publishSettingsFileMustParse() {
    SeedRequest request = request();
    request.setPublishSettingsFile(Fixtures.publishSettings(root, "app-service.publishsettings").toString());

    Validation validation = validator().validate(request);

    assertThat(messages(validation, "publishSettingsFile")).singleElement().asString()
        .contains("app-service.publishsettings' has the root element <publishData>, not <PublishData>")
        .doesNotContain("FakePwd");
    assertThat(validation.publishSettings()).isEmpty();
  }

  @Test
  void publishSettingsFileMustHoldTheSubscriptionAndSaysWhichItHolds() {
    SeedRequest request = request();
    request.setSubscriptionId("2b7e9a44-31d0-4f5e-8c6a-9e1d2f3a4b5c");

    Validation validation = validator().validate(request);

    assertThat(messages(validation, "publishSettingsFile")).singleElement().asString()
        .isEqualTo("publishSettingsFile '" + publishSettings + "' does not hold subscription"
            + " 2b7e9a44-31d0-4f5e-8c6a-9e1d2f3a4b5c; it holds " + CONTOSO.toUpperCase() + ", " + VISUAL_STUDIO
            + ". Download the publish settings of subscription 2b7e9a44-31d0-4f5e-8c6a-9e1d2f3a4b5c from the Azure"
            + " portal, or correct subscriptionId");
    assertNoCertificateIn(validation.reason(), PUBLISH_SETTINGS);
  }

  // --- importJobName ---------------------------------------------------------------------------------------------

  @Test
  void importJobNameMustFollowAzureRules() {
    SeedRequest request = request();
    request.setImportJobName("1st_seed");

    assertThat(messages(validator().validate(request), "importJobName")).containsExactly("importJobName '1st_seed'"
        + " is not a valid Import/Export job name: an Import/Export job name has 2 to 64 characters, letters,"
        + " digits and hyphens, and starts with a letter; it contains '_'");
  }

  @Test
  void importJobNameMustNotBeTaken() {
    SeedRequest request = request();
    request.setImportJobName("taken-job");

    assertThat(messages(validator().validate(request), "importJobName")).containsExactly("importJobName 'taken-job'"
        + " is already used: a Seedship job has that name, and Import/Export job names must be unique among"
        + " Seedship's jobs; choose another name");
  }

  // --- Azure names and ids ---------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      subscriptionId | 8a3c4e0e5c9f4c1b9d2e0c6f1f9b7a11 | subscriptionId '8a3c4e0e5c9f4c1b9d2e0c6f1f9b7a11' is not a valid subscription id: a subscription id is a GUID
      resourceGroup  | backup/rg                        | resourceGroup 'backup/rg' is not a valid resource group name: a resource group name has 1 to 90 characters
      storageAccount | Contoso_01                       | storageAccount 'Contoso_01' is not a valid storage account name: a storage account name has 3 to 24 characters, lowercase letters and digits only; it contains 'C'
      container      | seed--1                          | container 'seed--1' is not a valid container name: a container name has 3 to 63 characters
      tenantId       | contoso.onmicrosoft.com          | tenantId 'contoso.onmicrosoft.com' is not a valid tenant id: a tenant id is a GUID
      azureUserId    | ''                               | azureUserId '' is not a valid user object id: a user object id is a GUID
      """)
  void azureNamesAndIdsMustFollowAzureRules(String field, String value, String expected) {
    SeedRequest request = request();
    request.put(field, value);

    assertThat(messages(validator().validate(request), field)).singleElement().asString().startsWith(expected);
  }

  @Test
  void aMalformedSubscriptionIdIsNotLookedUpInThePublishSettings() {
    SeedRequest request = request();
    request.setSubscriptionId("contoso");

    Validation validation = validator().validate(request);

    assertThat(validation.problems()).extracting(Problem::getField).containsExactly("subscriptionId");
    assertThat(validation.publishSettings()).isPresent();
  }

  @Test
  void requiredAzureNamesMustBeGiven() {
    SeedRequest request = request();
    request.setStorageAccount(null);

    assertThat(messages(validator().validate(request), "storageAccount"))
        .containsExactly("storageAccount is missing: Storage account the drives are imported into.");
  }

  @Test
  void cloudMustBeKnown() {
    SeedRequest request = request();
    request.setCloud(Cloud.UNKNOWN);

    assertThat(messages(validator().validate(request), "cloud")).containsExactly("cloud UNKNOWN is not an Azure"
        + " cloud Seedship can seed into; use one of AZURE_PUBLIC, AZURE_US_GOVERNMENT, AZURE_CHINA, LOCAL");
  }

  // --- workloadType ----------------------------------------------------------------------------------------------

  @Test
  void workloadTypeRefusesSystemStateWithTheReasonAndWhatToDo() {
    SeedRequest request = request();
    request.setWorkloadType(WorkloadType.MARS_SYSTEM_STATE);

    assertThat(messages(validator().validate(request), "workloadType")).singleElement().asString()
        .startsWith("workloadType MARS_SYSTEM_STATE cannot be seeded offline: Azure Backup's offline backup does not"
            + " support system state backups")
        .contains("system state must be backed up online")
        .contains("seed the files and folders with workloadType MARS_FILES_AND_FOLDERS");
  }

  @Test
  void workloadTypeRefusesUnknownListingTheAcceptedOnes() {
    SeedRequest request = request();
    request.setWorkloadType(WorkloadType.UNKNOWN);

    assertThat(messages(validator().validate(request), "workloadType")).containsExactly("workloadType UNKNOWN is"
        + " not a workload Seedship can seed; use one of MARS_FILES_AND_FOLDERS, DPM, MABS");
  }

  // --- sourcePath ------------------------------------------------------------------------------------------------

  @Test
  void sourcePathMustExistAndIsNotSizedOtherwise() {
    SeedRequest request = request();
    request.setSourcePath(root.resolve("data/payroll").toString());

    Validation validation = validator().validate(request);

    assertThat(messages(validation, "sourcePath")).containsExactly("sourcePath '" + root.resolve("data/payroll")
        + "' does not exist; give the directory tree to back up");
    assertThat(estimated).isEmpty();
    assertThat(validation.estimate()).isEmpty();
  }

  @Test
  void sourcePathMustBeADirectory() {
    SeedRequest request = request();
    request.setSourcePath(source.resolve("ledger-2024.csv").toString());

    assertThat(messages(validator().validate(request), "sourcePath")).containsExactly("sourcePath '"
        + source.resolve("ledger-2024.csv") + "' is not a directory; in the local mode the source is a directory"
        + " tree");
    assertThat(estimated).isEmpty();
  }

  @Test
  void sourcePathMustBeReadable() throws IOException {
    assumeThat(Fixtures.runningAsRoot()).as("root reads any directory").isFalse();
    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("---------"));
    try {
      assertThat(messages(validator().validate(request()), "sourcePath")).containsExactly("sourcePath '" + source
          + "' cannot be read (permission denied); give staging-service's account read access to it");
      assertThat(estimated).isEmpty();
    } finally {
      Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void sourcePathReportsTheFirstUnreadableSubdirectoriesAndHowManyThereAre() throws IOException {
    assumeThat(Fixtures.runningAsRoot()).as("root reads any directory").isFalse();
    List<Path> locked = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      locked.add(Files.createDirectories(source.resolve("private-" + i)));
    }
    locked.forEach(d -> setPermissions(d, "---------"));
    try {
      assertThat(validator().validate(request()).ok()).as("the walk is checkSource's").isTrue();
      assertThat(messages(validator().checkSource(request()), "sourcePath")).singleElement().asString()
          .startsWith("sourcePath '" + source + "' has 7 unreadable paths below it: ")
          .contains(source.toRealPath() + "/private-", "(permission denied)")
          .contains(" and 2 more; give staging-service's account read access to them or move them out of the"
              + " source");
      assertThat(estimated).isEmpty();
    } finally {
      locked.forEach(d -> setPermissions(d, "rwx------"));
    }
  }

  @Test
  void sourcePathReportsAPathTooLongToRead() throws IOException {
    // Readable by permissions (this works as root too), yet too long a path for the system to open.
    Path deep = chain(source.resolve("archive"), 9);
    Path outside = root.resolve("moved");
    Path leaf = chain(outside, 9);
    Files.writeString(leaf.resolve("old-ledger.csv"), "account,amount\n");
    Path moved = Files.move(outside, deep.resolve("moved"));
    try {
      Validation checked = validator().checkSource(request());

      assertThat(messages(checked, "sourcePath")).singleElement().asString()
          .startsWith("sourcePath '" + source + "' has 1 path too long to open below it: " + source.toRealPath()
              .toString().substring(0, Math.min(60, source.toRealPath().toString().length())))
          .containsPattern("\\(4\\d{3} bytes\\); Linux opens paths of at most 4095 bytes")
          .contains("so they cannot be staged and the seed would lack them")
          .doesNotContain("read access")
          .doesNotContain(" more;");
      assertThat(messages(checked, "sourcePath").getFirst()).hasSizeLessThan(1000);
      assertThat(checked.ok()).isFalse();
      assertThat(estimated).isEmpty();
    } finally {
      Files.move(moved, outside);
    }
  }

  @Test
  void sourcePathThatCannotBeSizedIsReported() {
    Validation validation = validator(p -> {
      throw new IOException("sample read failed");
    }, NO_RESERVE).checkSource(request());

    assertThat(messages(validation, "sourcePath")).containsExactly("sourcePath '" + source + "' could not be sized"
        + " (sample read failed), so the staging location's free space cannot be checked; make the source readable"
        + " and retry");
    assertThat(validation.estimate()).isEmpty();
  }

  // --- the rest --------------------------------------------------------------------------------------------------

  @Test
  void copyMachineMustBeGiven() {
    SeedRequest request = request();
    request.setCopyMachine("\t");

    assertThat(messages(validator().validate(request), "copyMachine")).containsExactly("copyMachine is missing: Id"
        + " of the disk-prep agent (copy machine) that prepares the drives.");
  }

  @Test
  void returnAddressNeedsItsRequiredFieldsWithPhoneAndEmail() {
    SeedRequest request = request();
    request.getReturnAddress().setStreetAddress1("");
    request.getReturnAddress().setPhone(null);
    request.getReturnAddress().setEmail(" ");

    Validation validation = validator().validate(request);

    assertThat(validation.problems()).extracting(Problem::getField)
        .containsExactly("returnAddress.streetAddress1", "returnAddress.phone", "returnAddress.email");
    assertThat(messages(validation, "returnAddress.phone"))
        .containsExactly("returnAddress.phone is missing: Phone number; required for a return address.");
  }

  @Test
  void returnAddressMustBeGiven() {
    SeedRequest request = request();
    request.setReturnAddress(null);

    assertThat(messages(validator().validate(request), "returnAddress"))
        .containsExactly("returnAddress is missing: Where the datacenter returns the drives.");
  }

  @Test
  void returnShippingNeedsCarrierAndAccount() {
    SeedRequest request = request();
    request.getReturnShipping().setCarrierAccountNumber(" ");

    assertThat(messages(validator().validate(request), "returnShipping.carrierAccountNumber"))
        .containsExactly("returnShipping.carrierAccountNumber is missing: Customer's account number with the"
            + " carrier.");
  }

  @Test
  void returnShippingMustBeGiven() {
    SeedRequest request = request();
    request.setReturnShipping(null);

    assertThat(messages(validator().validate(request), "returnShipping"))
        .containsExactly("returnShipping is missing: Carrier for the drives' return trip.");
  }

  // --- paths are absolute ----------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({"sourcePath, ../x", "stagingLocation, staging", "publishSettingsFile, ./etc/a.publishsettings"})
  void pathsMustBeAbsolute(String field, String value) {
    SeedRequest request = request();
    request.put(field, value);

    assertThat(messages(validator().validate(request), field)).containsExactly(field + " '" + value + "' is a"
        + " relative path; " + field + " must be an absolute path (such as /srv/seedship/...), as staging-service's"
        + " host sees it");
  }

  // --- lengths ---------------------------------------------------------------------------------------------------

  @Test
  void everyStringFieldHasALimitAndAValueOverItIsRefusedWithoutBeingQuoted() {
    for (String field : stringFields(SeedRequest.getClassSchema(), "")) {
      SeedRequest request = request();
      String huge = "x".repeat(5 << 20);
      put(request, field, huge);

      Validation validation = validator().validate(request);

      assertThat(messages(validation, field)).as(field).singleElement().asString()
          .startsWith(field + " ")
          .hasSizeLessThan(1000);
      assertThat(validation.reason()).as(field).hasSizeLessThan(2000);
    }
  }

  @Test
  void everyStringFieldOfTheContractIsInTheLimitsTable() {
    // a field added to SeedRequest.avsc must get a documented limit (FieldLimits) or an Azure rule that bounds it
    java.util.Set<String> covered = new java.util.HashSet<>(FieldLimits.MAX.keySet());
    covered.addAll(FieldLimits.AZURE_RULED);

    assertThat(covered).containsExactlyInAnyOrderElementsOf(stringFields(SeedRequest.getClassSchema(), ""));
  }

  @Test
  void aPathOverItsLimitNamesTheLimitAndIsNotLookedAt() {
    SeedRequest request = request();
    request.setSourcePath("/" + "a".repeat(5000));

    Validation validation = validator().validate(request);

    assertThat(messages(validation, "sourcePath")).containsExactly("sourcePath is 5001 characters long; sourcePath"
        + " takes at most 4096 characters. Check that the right value went into sourcePath");
  }

  @Test
  void freeTextFieldsHaveLimitsToo() {
    SeedRequest request = request();
    request.getReturnAddress().setCity("c".repeat(257));
    request.setLocation("l".repeat(65));
    request.setRequestedBy("r".repeat(256));

    Validation validation = validator().validate(request);

    assertThat(validation.problems()).extracting(Problem::getField).containsExactly("location",
        "returnAddress.city");
    assertThat(messages(validation, "returnAddress.city")).singleElement().asString()
        .startsWith("returnAddress.city is 257 characters long; returnAddress.city takes at most 256 characters");
  }

  // --- backupServer ----------------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      NULL            |
      ''              |
      fs01.contoso.ad |
      fs_01           | backupServer 'fs_01' is not a valid backup server name: a backup server name is a host name of 1 to 253 characters, letters, digits, '.' and '-', starting with a letter or digit; it contains '_'; or leave backupServer out (null)
      -fs01           | backupServer '-fs01' is not a valid backup server name
      """)
  void backupServerIsAHostNameWhenGiven(String value, String expected) {
    SeedRequest request = request();
    request.setBackupServer(value);

    List<String> messages = messages(validator().validate(request), "backupServer");
    if (expected == null) {
      assertThat(messages).isEmpty();
    } else {
      assertThat(messages).singleElement().asString().startsWith(expected);
    }
  }

  // --- publishSettingsFile: only a regular file is opened --------------------------------------------------------

  @Test
  @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void publishSettingsFileMustBeARegularFile() throws Exception {
    Path fifo = root.resolve("etc/fifo.publishsettings");
    assumeThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
    for (String value : List.of("/dev/zero", fifo.toString())) {
      SeedRequest request = request();
      request.setPublishSettingsFile(value);

      assertThat(messages(validator().validate(request), "publishSettingsFile")).as(value).singleElement()
          .asString().startsWith("publishSettingsFile '" + value + "' is a ")
          .contains(", not a regular file; publishSettingsFile must name a regular file");
    }
  }

  // --- allowed roots ---------------------------------------------------------------------------------------------

  @Test
  void pathsUnderTheAllowedRootsAreAccepted() {
    assertThat(confinedTo(root).validate(request()).problems()).isEmpty();
  }

  @Test
  void aPathOutsideTheAllowedRootsIsRefusedNamingTheFieldAndTheRoots() throws IOException {
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere/staging"));
    SeedRequest request = request();
    request.setStagingLocation(elsewhere.toString());

    Validation validation = confinedTo(staging, source, root.resolve("etc")).validate(request);

    assertThat(messages(validation, "stagingLocation")).singleElement().asString()
        .contains("is outside the directories staging-service may use").contains("seedship.staging.allowed-roots")
        .contains(staging.toString());
    assertThat(validation.problems()).extracting(Problem::getField).containsExactly("stagingLocation");
  }

  @Test
  void dotDotCannotClimbOutOfAnAllowedRoot() {
    SeedRequest request = request();
    request.setSourcePath(staging + "/../data/finance");

    Validation validation = confinedTo(staging, root.resolve("etc")).validate(request);

    assertThat(messages(validation, "sourcePath")).singleElement().asString().contains("'..' segments");
  }

  @Test
  void aSymbolicLinkThatLeadsOutOfTheRootsIsRefusedNamingWhereItLeads() throws IOException {
    Path allowed = Files.createDirectories(root.resolve("allowed"));
    Path link = Files.createSymbolicLink(allowed.resolve("finance"), source);
    SeedRequest request = request();
    request.setSourcePath(link.toString());

    Validation validation = confinedTo(allowed, staging, root.resolve("etc")).validate(request);

    assertThat(messages(validation, "sourcePath")).singleElement().asString()
        .contains("through links: '" + source.toRealPath() + "'").contains("is outside");
  }

  @Test
  void aRootThatDoesNotExistStopsTheServiceNamingIt() {
    assertThatThrownBy(() -> AllowedRoots.of(List.of(root.resolve("nowhere"))))
        .hasMessageContaining("seedship.staging.allowed-roots").hasMessageContaining("nowhere");
  }

  // --- helpers ---------------------------------------------------------------------------------------------------

  /** The sample request, pointed at this test's real files; the subscription id in another case than the file's. */
  private SeedRequest request() {
    SeedRequest request = Samples.requestSeed("seed-1").getRequest();
    request.setStagingLocation(staging.toString());
    request.setSourcePath(source.toString());
    request.setPublishSettingsFile(publishSettings.toString());
    request.setSubscriptionId(CONTOSO);
    return request;
  }

  private SeedRequestValidator validator() {
    return validator(p -> SMALL, NO_RESERVE);
  }

  private SeedRequestValidator validator(SizeEstimator estimator, FreeSpacePolicy policy) {
    return new SeedRequestValidator(p -> {
      estimated.add(p);
      return estimator.estimate(p);
    }, "taken-job"::equalsIgnoreCase, policy, AllowedRoots.ANYWHERE);
  }

  private SeedRequestValidator confinedTo(Path... roots) {
    return new SeedRequestValidator(p -> SMALL, "taken-job"::equalsIgnoreCase, NO_RESERVE,
        AllowedRoots.of(List.of(roots)));
  }

  private static List<String> messages(Validation validation, String field) {
    return validation.problems().stream().filter(p -> field.equals(p.getField())).map(Problem::getMessage).toList();
  }

  /** Every string field of the schema, nested ones dotted ("returnAddress.city"). */
  private static List<String> stringFields(org.apache.avro.Schema schema, String prefix) {
    List<String> fields = new ArrayList<>();
    for (org.apache.avro.Schema.Field field : schema.getFields()) {
      org.apache.avro.Schema type = field.schema();
      if (type.isNullable() && type.isUnion()) {
        type = type.getTypes().stream().filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL).findFirst()
            .orElseThrow();
      }
      switch (type.getType()) {
        case STRING -> fields.add(prefix + field.name());
        case RECORD -> fields.addAll(stringFields(type, prefix + field.name() + "."));
        default -> { }
      }
    }
    return fields;
  }

  private static void put(SeedRequest request, String field, String value) {
    int dot = field.indexOf('.');
    if (dot < 0) {
      request.put(field, value);
    } else {
      ((org.apache.avro.generic.GenericRecord) request.get(field.substring(0, dot))).put(field.substring(dot + 1),
          value);
    }
  }

  /** Every path under dir with its size and modification time (directories by name only: the probe touches them). */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        entries.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir"
            : Files.size(p) + " " + Files.getLastModifiedTime(p));
      }
    }
    return entries;
  }

  /** A chain of directories with 250-character names: deep enough that two of them exceed the system's PATH_MAX. */
  private static Path chain(Path start, int depth) throws IOException {
    Path dir = start;
    for (int i = 0; i < depth; i++) {
      dir = dir.resolve(Character.toString('a' + i).repeat(250));
    }
    return Files.createDirectories(dir);
  }

  private static void setPermissions(Path dir, String permissions) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A directory that refuses new files: without write permission, or for root (whom permissions do not stop)
   * immutable through chattr.
   */
  private record ReadOnly(Path dir, boolean immutable) implements AutoCloseable {

    static ReadOnly directory(Path dir) throws IOException, InterruptedException {
      if (!Fixtures.runningAsRoot()) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        return new ReadOnly(dir, false);
      }
      assumeThat(chattr("+i", dir)).as("chattr +i (root needs an immutable directory to be refused)").isZero();
      return new ReadOnly(dir, true);
    }

    @Override
    public void close() throws IOException, InterruptedException {
      if (immutable) {
        chattr("-i", dir);
      } else {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    }

    private static int chattr(String flag, Path dir) throws IOException, InterruptedException {
      try {
        return new ProcessBuilder("chattr", flag, dir.toString()).inheritIO().start().waitFor();
      } catch (IOException e) {
        return -1; // no chattr here
      }
    }
  }
}
