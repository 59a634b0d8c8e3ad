package io.seedship.runtime.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.faults.FaultInjectionFilter;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.importexport.ImportExportClient;
import io.seedship.runtime.azure.importexport.ImportJobModels.DriveBitLockerKey;
import io.seedship.runtime.azure.importexport.ImportJobModels.DriveStatus;
import io.seedship.runtime.azure.importexport.ImportJobModels.ImportExportLocation;
import io.seedship.runtime.azure.importexport.ImportJobModels.ImportJob;
import io.seedship.runtime.azure.importexport.ImportJobModels.NewJob;
import io.seedship.runtime.azure.importexport.ImportJobModels.PackageInformation;
import io.seedship.runtime.azure.importexport.ImportJobModels.ReturnAddress;
import io.seedship.runtime.azure.importexport.ImportJobModels.ReturnShipping;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seedship's Import/Export client against local-azure: the whole job lifecycle the services will drive. */
class ImportExportClientTest {

  private static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  private static final ReturnAddress RETURN_TO = new ReturnAddress("Seedship Ops", "1 Datacenter Way", null,
      "Redmond", "WA", "98007", "USA", "4250000000", "ops@example.com");

  private final LocalAzure azure = TestLocalAzure.shared();
  private final AzureClients clients = LocalAzureClients.withMintedTokens(azure);
  private final ImportExportClient jobs = clients.importExport(SUBSCRIPTION);

  @AfterEach
  void noFaults() {
    azure.bean(FaultInjectionFilter.class).update(new LocalAzureProperties.Faults());
  }

  @Test
  void locationsGiveTheShippingAddressAndCarriers() {
    assertThat(jobs.locations()).extracting(ImportExportLocation::name).contains("West US");
    ImportExportLocation westUs = jobs.location("westus");
    assertThat(westUs.properties().city()).isEqualTo("Santa Clara");
    assertThat(westUs.properties().supportedCarriers()).contains("FedEx");
    assertThatThrownBy(() -> jobs.location("Atlantis"))
        .isInstanceOfSatisfying(AzureException.NotFound.class, e -> assertThat(e.getMessage()).contains("Atlantis"));
  }

  @Test
  void aJobGoesFromCreatingToShippingAndKeepsItsKeysSecret() {
    Target target = target();
    ImportJob created = jobs.create(target.group(), "seed-1", newJob(target, 2));
    assertThat(created.state()).isEqualTo("Creating");
    assertThat(created.properties().shippingInformation().city()).isEqualTo("Santa Clara");
    assertThat(created.properties().driveList()).extracting(DriveStatus::bitLockerKey).containsOnlyNulls();
    assertThat(created.properties().driveList()).extracting(DriveStatus::state).containsOnly("Specified");

    List<DriveBitLockerKey> keys = jobs.bitLockerKeys(target.group(), "seed-1");
    assertThat(keys).extracting(DriveBitLockerKey::bitLockerKey).containsExactlyInAnyOrder(key(0), key(1));
    assertThat(keys.toString()).doesNotContain(key(0));
    assertThat(newJob(target, 1).properties().driveList().toString()).doesNotContain(key(0));

    assertThatThrownBy(() -> jobs.markShipping(target.group(), "seed-1", null, null))
        .isInstanceOf(AzureException.BadRequest.class).hasMessageContaining("deliveryPackage");
    ImportJob shipping = jobs.markShipping(target.group(), "seed-1",
        new PackageInformation("FedEx", "794644790132", 2L, "2026-11-21"), null);
    assertThat(shipping.state()).isEqualTo("Shipping");
    assertThat(shipping.properties().deliveryPackage().trackingNumber()).isEqualTo("794644790132");

    assertThatThrownBy(() -> jobs.delete(target.group(), "seed-1"))
        .isInstanceOfSatisfying(AzureException.Conflict.class, e -> assertThat(e.code()).isEqualTo("InvalidJobState"));
    assertThat(jobs.cancel(target.group(), "seed-1").properties().cancelRequested()).isTrue();
  }

  @Test
  void aRefusedJobNamesTheFieldAndIsNotStored() {
    Target target = target();
    assertThatThrownBy(() -> jobs.create(target.group(), "too-many", newJob(target, 11)))
        .isInstanceOfSatisfying(AzureException.BadRequest.class, e -> {
          assertThat(e.target()).contains("driveList");
          assertThat(e.getMessage()).contains("10");
        });
    assertThat(jobs.find(target.group(), "too-many")).isEmpty();
    assertThatThrownBy(() -> jobs.create(target.group(), "no-account", NewJob.imports("West US",
        target.accountId().replace(target.account(), "missingacct"), RETURN_TO, null, "waimportexport",
        drives(1)))).isInstanceOfSatisfying(AzureException.BadRequest.class,
            e -> assertThat(e.target()).isEqualTo("properties.storageAccountId"));
  }

  @Test
  void listsFollowEveryPageAndFilter() {
    Target target = target();
    IntStream.range(0, 23).forEach(i -> jobs.create(target.group(), "job-" + i, newJob(target, 1)));
    jobs.markShipping(target.group(), "job-0", new PackageInformation("FedEx", "1Z-" + UUID.randomUUID(), 1L,
        "2026-11-21"), null);
    assertThat(jobs.listByResourceGroup(target.group(), null, null)).hasSize(23);
    assertThat(jobs.listByResourceGroup(target.group(), "state eq 'Shipping'", null))
        .extracting(ImportJob::name).containsExactly("job-0");
    assertThat(jobs.listByResourceGroup(target.group(), null, 5)).hasSize(5);
    assertThat(jobs.listBySubscription(null, null)).hasSizeGreaterThanOrEqualTo(23);
    assertThatThrownBy(() -> jobs.listByResourceGroup(target.group(), "percentComplete gt 5", null))
        .isInstanceOf(AzureException.BadRequest.class).hasMessageContaining("percentComplete");
  }

  @Test
  void everyCallSucceedsThroughThrottlingAndServerErrors() {
    Target target = target();
    LocalAzureProperties.Faults faults = new LocalAzureProperties.Faults();
    faults.setThrottleFraction(0.3);
    faults.setErrorFraction(0.2);
    faults.setRetryAfter(Duration.ofSeconds(1));
    azure.bean(FaultInjectionFilter.class).update(faults);
    long injectedBefore = azure.bean(FaultInjectionFilter.class).injectedCount();
    for (int i = 0; i < 6; i++) {
      jobs.create(target.group(), "flaky-" + i, newJob(target, 1));
      assertThat(jobs.get(target.group(), "flaky-" + i).state()).isEqualTo("Creating");
    }
    assertThat(jobs.listByResourceGroup(target.group(), null, null)).hasSize(6);
    assertThat(azure.bean(FaultInjectionFilter.class).injectedCount()).isGreaterThan(injectedBefore);
  }

  private record Target(String group, String account, String accountId) {
  }

  private Target target() {
    String group = "rg-" + UUID.randomUUID();
    String account = "ie" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    String id = clients.storage(SUBSCRIPTION).ensure(group, account, "westus").id();
    return new Target(group, account, id);
  }

  private static NewJob newJob(Target target, int driveCount) {
    return NewJob.imports("West US", target.accountId(), RETURN_TO, new ReturnShipping("FedEx", "989ffff"),
        "waimportexport", drives(driveCount));
  }

  private static List<DriveStatus> drives(int count) {
    return IntStream.range(0, count).mapToObj(i -> DriveStatus.forImport("DRIVE" + i, key(i),
        "\\\\" + i + ".manifest", "4228EC5D8E048CB9B515338C789314BE", "0:1048576:AB")).toList();
  }

  private static String key(int i) {
    return String.format("%06d-111111-222222-333333-444444-555555-666666-777777", i);
  }
}
