package io.seedship.runtime.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule against a table of good values (no problem) and bad ones (a problem naming the value and the breach). */
class AzureNamesTest {

  @ParameterizedTest(name = "subscription id {0}: {1}")
  @MethodSource
  void subscriptionId(String value, String expected) {
    check(AzureNames::subscriptionId, value, expected);
  }

  static Stream<Arguments> subscriptionId() {
    return Stream.of(
        good("8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a11"),
        good("8A3C4E0E-5C9F-4C1B-9D2E-0C6F1F9B7A11"),
        good("00000000-0000-0000-0000-000000000000"),
        bad("8a3c4e0e5c9f4c1b9d2e0c6f1f9b7a11", "is not a valid subscription id: a subscription id is a GUID"),
        bad("{8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a11}", "8-4-4-4-12 hexadecimal digits"),
        bad("8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a1g", "'8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a1g' is not a valid"),
        bad(" 8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a11", "is not a valid subscription id"),
        bad("", "'' is not a valid subscription id"),
        bad(null, "no subscription id given"));
  }

  @ParameterizedTest(name = "tenant id {0}: {1}")
  @MethodSource
  void tenantId(String value, String expected) {
    check(AzureNames::tenantId, value, expected);
  }

  static Stream<Arguments> tenantId() {
    return Stream.of(
        good("72f988bf-86f1-41af-91ab-2d7cd011db47"),
        bad("contoso.onmicrosoft.com", "'contoso.onmicrosoft.com' is not a valid tenant id: a tenant id is a GUID"),
        bad(null, "no tenant id given"));
  }

  @ParameterizedTest(name = "user object id {0}: {1}")
  @MethodSource
  void userObjectId(String value, String expected) {
    check(AzureNames::userObjectId, value, expected);
  }

  static Stream<Arguments> userObjectId() {
    return Stream.of(
        good("4f0a8d2c-1b3e-4c5d-9e6f-7a8b9c0d1e2f"),
        bad("admin@contoso.example", "'admin@contoso.example' is not a valid user object id: a user object id is"
            + " a GUID"),
        bad("4f0a8d2c-1b3e-4c5d-9e6f-7a8b9c0d1e2", "is not a valid user object id"),
        bad(null, "no user object id given"));
  }

  @ParameterizedTest(name = "storage account {0}: {1}")
  @MethodSource
  void storageAccount(String value, String expected) {
    check(AzureNames::storageAccount, value, expected);
  }

  static Stream<Arguments> storageAccount() {
    return Stream.of(
        good("abc"),
        good("contosostaging01"),
        good("a23456789012345678901234"),
        bad("ab", "'ab' is not a valid storage account name: a storage account name has 3 to 24 characters,"
            + " lowercase letters and digits only; it has 2 characters"),
        bad("a234567890123456789012345", "it has 25 characters"),
        bad("Contoso01", "it contains 'C'"),
        bad("contoso_01", "it contains '_'"),
        bad("contoso-01", "it contains '-'"),
        bad("contosö01", "it contains 'ö'"),
        bad(null, "no storage account name given"));
  }

  @ParameterizedTest(name = "container {0}: {1}")
  @MethodSource
  void blobContainer(String value, String expected) {
    check(AzureNames::blobContainer, value, expected);
  }

  static Stream<Arguments> blobContainer() {
    return Stream.of(
        good("abc"),
        good("seed-1"),
        good("1seed"),
        good("a-b-c"),
        good("a".repeat(63)),
        good("$root"),
        bad("ab", "'ab' is not a valid container name: a container name has 3 to 63 characters, lowercase letters,"
            + " digits and hyphens, starts with a letter or digit, has no consecutive hyphens and does not end with"
            + " a hyphen; it has 2 characters"),
        bad("a".repeat(64), "it has 64 characters"),
        bad("Seed-1", "it contains 'S'"),
        bad("seed_1", "it contains '_'"),
        bad("$logs", "it contains '$'"),
        bad("-seed", "it starts with a hyphen"),
        bad("seed--1", "it has consecutive hyphens"),
        bad("seed-", "it ends with a hyphen"),
        bad(null, "no container name given"));
  }

  @ParameterizedTest(name = "resource group {0}: {1}")
  @MethodSource
  void resourceGroup(String value, String expected) {
    check(AzureNames::resourceGroup, value, expected);
  }

  static Stream<Arguments> resourceGroup() {
    return Stream.of(
        good("r"),
        good("backup-rg"),
        good("Backup_RG.prod(2)"),
        good("sauvegarde-données"),
        good("备份资源组"),
        good("-starts.with-hyphen"),
        good("x".repeat(90)),
        bad("", "'' is not a valid resource group name: a resource group name has 1 to 90 characters, letters,"
            + " digits, underscores, hyphens, periods and parentheses, and does not end with a period;"
            + " it has 0 characters"),
        bad("x".repeat(91), "it has 91 characters"),
        bad("backup rg", "it contains ' '"),
        bad("backup/rg", "it contains '/'"),
        bad("backup#rg", "it contains '#'"),
        bad("backup-rg.", "it ends with a period"),
        bad("backup-\uD835\uDC00", "it contains '\uD835\uDC00'"),
        bad(null, "no resource group name given"));
  }

  @ParameterizedTest(name = "import job {0}: {1}")
  @MethodSource
  void importJobName(String value, String expected) {
    check(AzureNames::importJobName, value, expected);
  }

  static Stream<Arguments> importJobName() {
    return Stream.of(
        good("ab"),
        good("myJob"),
        good("contoso-seed-1"),
        good("Seed-2024-06-FS01"),
        good("j" + "0".repeat(63)),
        bad("a", "'a' is not a valid Import/Export job name: an Import/Export job name has 2 to 64 characters,"
            + " letters, digits and hyphens, and starts with a letter; it has 1 character"),
        bad("j" + "0".repeat(64), "it has 65 characters"),
        bad("1seed", "it starts with '1'"),
        bad("-seed", "it starts with '-'"),
        bad("contoso_seed", "it contains '_'"),
        bad("contoso seed", "it contains ' '"),
        bad("contoso.seed", "it contains '.'"),
        bad("séed", "it contains 'é'"),
        bad(null, "no Import/Export job name given"));
  }

  @ParameterizedTest(name = "backup server {0}: {1}")
  @MethodSource
  void backupServer(String value, String expected) {
    check(AzureNames::backupServer, value, expected);
  }

  static Stream<Arguments> backupServer() {
    return Stream.of(
        good("fs01"),
        good("FS01.contoso.example"),
        good("1server"),
        good("a"),
        good("s-" + "0".repeat(251)),
        bad("s-" + "0".repeat(252), "it has 254 characters"),
        bad("", "'' is not a valid backup server name: a backup server name is a host name of 1 to 253"
            + " characters, letters, digits, '.' and '-', starting with a letter or digit; it has 0 characters"),
        bad("-fs01", "it starts with '-'"),
        bad(".fs01", "it starts with '.'"),
        bad("fs 01", "it contains ' '"),
        bad("fs_01", "it contains '_'"),
        bad("CONTOSO\\fs01", "it contains '\\'"),
        bad("fs01ä", "it contains 'ä'"),
        bad(null, "no backup server name given"));
  }

  @ParameterizedTest(name = "long values are cut in messages")
  @MethodSource
  void longValuesAreCut(String value, String expected) {
    check(AzureNames::storageAccount, value, expected);
    assertThat(AzureNames.storageAccount(value).orElseThrow()).doesNotContain(value);
  }

  static Stream<Arguments> longValuesAreCut() {
    return Stream.of(bad("a".repeat(500), "'" + "a".repeat(100) + "...' is not a valid storage account name"));
  }

  @Test
  void requireReturnsAGoodValueAndThrowsTheProblemPrefixedWithTheField() {
    assertThat(AzureNames.require("storageAccount", "seedstage01", AzureNames::storageAccount))
        .isEqualTo("seedstage01");
    assertThatThrownBy(() -> AzureNames.require("storageAccount", "Seed", AzureNames::storageAccount))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storageAccount: " + AzureNames.storageAccount("Seed").orElseThrow());
    assertThatThrownBy(() -> AzureNames.require("tenantId", "not-a-guid", id -> AzureNames.guid(id, "tenantId")))
        .hasMessageStartingWith("tenantId: 'not-a-guid' is not a valid tenantId: a tenantId is a GUID");
  }

  private static void check(Function<String, Optional<String>> rule, String value, String expected) {
    Optional<String> problem = rule.apply(value);
    if (expected == null) {
      assertThat(problem).as("problem for %s", value).isEmpty();
    } else {
      assertThat(problem).as("problem for %s", value).hasValueSatisfying(m -> assertThat(m).contains(expected));
    }
  }

  private static Arguments good(String value) {
    return Arguments.of(value, null);
  }

  private static Arguments bad(String value, String expected) {
    return Arguments.of(value, expected);
  }
}
