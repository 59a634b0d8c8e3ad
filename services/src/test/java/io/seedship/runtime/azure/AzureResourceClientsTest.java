package io.seedship.runtime.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.faults.FaultInjectionFilter;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.recoveryservices.RecoveryVaultsClient;
import io.seedship.runtime.azure.storage.StorageClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resource groups, storage (ARM and blobs in a real Azurite) and vaults through Seedship's clients, on local-azure. */
class AzureResourceClientsTest {

  private static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  private static LocalAzure azure;
  private static final AttemptRecorder recorder = new AttemptRecorder();
  private static AzureClients clients;

  @BeforeAll
  static void start() {
    azure = TestLocalAzure.start("--local-azure.azurite.mode=start");
    clients = LocalAzureClients.withMintedTokens(azure, recorder);
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @AfterEach
  void noFaults() {
    azure.bean(FaultInjectionFilter.class).update(new LocalAzureProperties.Faults());
    recorder.clear();
  }

  @Test
  void eachClientIsBuiltOncePerSubscription() {
    String other = "5eed5417-0000-4000-8000-000000000002";
    assertThat(clients.storage(SUBSCRIPTION)).isSameAs(clients.storage(SUBSCRIPTION))
        .isNotSameAs(clients.storage(other));
    assertThat(clients.resourceGroups(SUBSCRIPTION)).isSameAs(clients.resourceGroups(SUBSCRIPTION))
        .isNotSameAs(clients.resourceGroups(other));
    assertThat(clients.recoveryVaults(SUBSCRIPTION)).isSameAs(clients.recoveryVaults(SUBSCRIPTION))
        .isNotSameAs(clients.recoveryVaults(other));
    assertThat(clients.importExport(SUBSCRIPTION)).isSameAs(clients.importExport(SUBSCRIPTION))
        .isNotSameAs(clients.importExport(other));
  }

  @Test
  void storageAccountKeysOpenItsBlobsInAzurite() {
    String group = "rg-" + UUID.randomUUID();
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    StorageClient storage = clients.storage(SUBSCRIPTION);
    String account = "seed" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    StorageClient.StorageAccountInfo created = storage.ensure(group, account, "westus");
    assertThat(created.blobEndpoint()).startsWith("https://127.0.0.1:").endsWith("/" + account + "/");
    assertThat(storage.get(group, account)).isEqualTo(created);

    BlobServiceClient blobs = storage.blobService(group, account);
    BlobContainerClient container = blobs.createBlobContainerIfNotExists("seed-data");
    container.getBlobClient("dir/file.bin").upload(BinaryData.fromString("seedship"), true);
    assertThat(container.getBlobClient("dir/file.bin").downloadContent().toString()).isEqualTo("seedship");
    assertThat(container.listBlobs().stream().map(b -> b.getName()).toList()).containsExactly("dir/file.bin");
  }

  @Test
  void vaultsAreCreatedOnceAndListed() {
    String group = "rg-" + UUID.randomUUID();
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    RecoveryVaultsClient vaults = clients.recoveryVaults(SUBSCRIPTION);
    RecoveryVaultsClient.VaultInfo vault = vaults.ensure(group, "seed-vault", "westus");
    assertThat(vault.provisioningState()).isEqualTo("Succeeded");
    assertThat(vaults.ensure(group, "seed-vault", "westus").id()).isEqualTo(vault.id());
    assertThat(vaults.list(group)).extracting(RecoveryVaultsClient.VaultInfo::name).containsExactly("seed-vault");
  }

  @Test
  void failuresCarryArmCodeAndMessage() {
    String group = "rg-" + UUID.randomUUID();
    assertThatThrownBy(() -> clients.storage(SUBSCRIPTION).get(group, "nosuchaccount"))
        .isInstanceOfSatisfying(AzureException.NotFound.class, e -> {
          assertThat(e.code()).isEqualTo("ResourceGroupNotFound");
          assertThat(e.getMessage()).contains(group);
        });
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    assertThatThrownBy(() -> clients.storage(SUBSCRIPTION).ensure(group, "Not_Valid", "westus"))
        .isInstanceOfSatisfying(AzureException.BadRequest.class, e -> {
          assertThat(e.code()).isEqualTo("AccountNameInvalid");
          assertThat(e.target()).isEqualTo("accountName");
        });
    assertThatThrownBy(() -> clients.resourceGroups("00000000-0000-0000-0000-0000000000ff").ensure(group, "westus"))
        .isInstanceOfSatisfying(AzureException.NotFound.class, e -> assertThat(e.code()).isEqualTo("SubscriptionNotFound"));
  }

  @Test
  void throttlingAndServerErrorsAreRetriedHonouringRetryAfter() {
    String group = "rg-" + UUID.randomUUID();
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    clients.recoveryVaults(SUBSCRIPTION).ensure(group, "vault", "westus");
    LocalAzureProperties.Faults faults = new LocalAzureProperties.Faults();
    faults.setThrottleFraction(0.3);
    faults.setErrorFraction(0.15);
    faults.setRetryAfter(Duration.ofSeconds(1));
    faults.setSeed(7);
    azure.bean(FaultInjectionFilter.class).update(faults);
    recorder.clear();

    for (int i = 0; i < 12; i++) {
      assertThat(clients.resourceGroups(SUBSCRIPTION).exists(group)).isTrue();
      assertThat(clients.recoveryVaults(SUBSCRIPTION).get(group, "vault").name()).isEqualTo("vault");
    }

    List<AttemptRecorder.Attempt> attempts = recorder.attempts();
    assertThat(attempts).anyMatch(a -> a.status() == 429).anyMatch(a -> a.status() == 500);
    for (List<AttemptRecorder.Attempt> call : recorder.byCall().values()) {
      for (int i = 0; i + 1 < call.size(); i++) {
        if (call.get(i).status() == 429) {
          Duration waited = Duration.between(call.get(i).sentAt(), call.get(i + 1).sentAt());
          assertThat(waited).as("retry of %s after a 429 with Retry-After: 1", call.get(i).url())
              .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        }
      }
    }
    System.out.printf("fault injection: %d attempts for 24 calls, %d answered 429, %d answered 500%n",
        attempts.size(), attempts.stream().filter(a -> a.status() == 429).count(),
        attempts.stream().filter(a -> a.status() == 500).count());
  }

  @Test
  void spentWriteBudgetIsWaitedOut() {
    LocalAzureProperties.Faults faults = new LocalAzureProperties.Faults();
    faults.setWriteBudget(2);
    faults.setBudgetWindow(Duration.ofSeconds(2));
    azure.bean(FaultInjectionFilter.class).update(faults);
    recorder.clear();
    for (int i = 0; i < 4; i++) {
      clients.resourceGroups(SUBSCRIPTION).ensure("rg-budget-" + i + "-" + UUID.randomUUID(), "westus");
    }
    assertThat(recorder.attempts()).anyMatch(a -> a.status() == 429 && a.method().equals("PUT"));
  }

  @Test
  void aRetryAfterLongerThanACallShouldWaitSurfacesAsThrottled() {
    AzureProperties properties = LocalAzureClients.properties(azure);
    properties.getRetry().setMaxRetryAfter(Duration.ofSeconds(1));
    AzureClients impatient = AzureClients.create(properties,
        LocalAzureClients.withMintedTokens(azure).credential(), List.of());
    LocalAzureProperties.Faults faults = new LocalAzureProperties.Faults();
    faults.setThrottleFraction(1.0);
    faults.setRetryAfter(Duration.ofSeconds(30));
    azure.bean(FaultInjectionFilter.class).update(faults);
    long started = System.nanoTime();
    assertThatThrownBy(() -> impatient.resourceGroups(SUBSCRIPTION).exists("any"))
        .isInstanceOfSatisfying(AzureException.Throttled.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(30));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }
}
