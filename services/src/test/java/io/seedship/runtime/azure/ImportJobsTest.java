package io.seedship.runtime.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.contracts.common.DriveState;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.common.ReturnShipping;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.importjobs.DeliveryPackage;
import io.seedship.runtime.azure.importjobs.DriveProgress;
import io.seedship.runtime.azure.importjobs.ImportDrive;
import io.seedship.runtime.azure.importjobs.ImportJobNameTaken;
import io.seedship.runtime.azure.importjobs.ImportJobRequest;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The neutral import-job interface on Microsoft.ImportExport, against local-azure: what the stages will drive. */
class ImportJobsTest {

  private static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  private static final PostalAddress RETURN_TO = PostalAddress.newBuilder().setRecipientName("Seedship Ops")
      .setStreetAddress1("1 Datacenter Way").setStreetAddress2(null).setCity("Redmond").setStateOrProvince("WA")
      .setPostalCode("98007").setCountryOrRegion("USA").setPhone("4250000000").setEmail("ops@example.com")
      .setAdditionalInformation(null).build();

  private final LocalAzure azure = TestLocalAzure.shared();
  private final AzureClients clients = LocalAzureClients.withMintedTokens(azure);
  private final ImportJobs jobs = clients.importJobs(SUBSCRIPTION);

  @Test
  void aJobIsCreatedInTheContractsWordsAndShipsOnce() {
    ImportJobRequest request = request(target(), "seed-1", 2);

    ImportJobStatus created = jobs.create(request);

    assertThat(created.state()).isEqualTo(ImportJobState.CREATING);
    assertThat(created.drives()).extracting(DriveProgress::driveId).containsExactlyInAnyOrder("DRIVE0", "DRIVE1");
    assertThat(created.drives()).extracting(DriveProgress::state).containsOnly(DriveState.SPECIFIED);
    assertThat(created.shipTo().address().getCity()).isEqualTo("Santa Clara");
    assertThat(request.drives().toString()).doesNotContain(key(0));

    DeliveryPackage box = new DeliveryPackage("FedEx", "794644790132", 2, LocalDate.parse("2026-11-21"));
    ImportJobStatus shipping = jobs.ship(request.resourceGroup(), "seed-1", box);
    assertThat(shipping.state()).isEqualTo(ImportJobState.SHIPPING);
    assertThat(shipping.deliveryPackage()).isEqualTo(box);
    // a replayed command: the same package again changes nothing and is not refused
    assertThat(jobs.ship(request.resourceGroup(), "seed-1", box)).isEqualTo(shipping);
  }

  @Test
  void aRetriedCreateAdoptsItsJobAndAnotherJobsNameIsRefused() {
    Target target = target();
    ImportJobRequest request = request(target, "seed-2", 1);
    ImportJobStatus first = jobs.create(request);

    ImportJobStatus again = jobs.create(request);

    assertThat(again).isEqualTo(first);
    assertThat(jobs.list(target.group())).hasSize(1);
    assertThatThrownBy(() -> jobs.create(request(target, "seed-2", 2)))
        .isInstanceOf(ImportJobNameTaken.class).hasMessageContaining("seed-2").hasMessageContaining("another job")
        .hasMessageNotContaining(key(0));
  }

  @Test
  void theDatacenterSaysWhereToShipAndWithWhom() {
    var westUs = jobs.datacenter("westus");
    assertThat(westUs.address().getCity()).isEqualTo("Santa Clara");
    assertThat(westUs.supportedCarriers()).contains("FedEx");
  }

  @Test
  void aRequestHasOneToTenDrives() {
    assertThatThrownBy(() -> request(target(), "eleven", 11)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 10 drives");
  }

  private record Target(String group, String accountId) {
  }

  private Target target() {
    String group = "rg-" + UUID.randomUUID();
    String account = "ij" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    return new Target(group, clients.storage(SUBSCRIPTION).ensure(group, account, "westus").id());
  }

  private static ImportJobRequest request(Target target, String name, int drives) {
    return new ImportJobRequest(target.group(), name, "West US", target.accountId(), IntStream.range(0, drives)
        .mapToObj(i -> new ImportDrive("DRIVE" + i, key(i), "\\\\" + i + ".manifest",
            "4228EC5D8E048CB9B515338C789314BE", "0:1048576:AB")).toList(), RETURN_TO,
        ReturnShipping.newBuilder().setCarrierName("FedEx").setCarrierAccountNumber("989ffff").build(),
        "waimportexport");
  }

  private static String key(int i) {
    return String.format("%06d-111111-222222-333333-444444-555555-666666-777777", i);
  }
}
