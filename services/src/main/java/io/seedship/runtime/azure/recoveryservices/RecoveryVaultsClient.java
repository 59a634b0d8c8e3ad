package io.seedship.runtime.azure.recoveryservices;

import com.azure.resourcemanager.recoveryservices.RecoveryServicesManager;
import com.azure.resourcemanager.recoveryservices.models.PublicNetworkAccess;
import com.azure.resourcemanager.recoveryservices.models.Sku;
import com.azure.resourcemanager.recoveryservices.models.SkuName;
import com.azure.resourcemanager.recoveryservices.models.Vault;
import com.azure.resourcemanager.recoveryservices.models.VaultProperties;
import io.seedship.runtime.azure.core.AzureErrors;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.core.ManagementSetup;
import java.util.List;

/** Recovery Services vaults of one subscription: where a seed's data ends up. */
public final class RecoveryVaultsClient {

  public record VaultInfo(String id, String name, String resourceGroup, String location, String provisioningState) {
  }

  private final RecoveryServicesManager manager;

  public RecoveryVaultsClient(ManagementSetup setup, String subscriptionId) {
    // a generated (non-fluent) manager: configured by hand with the same pieces ManagementSetup.apply sets
    RecoveryServicesManager.Configurable configurable = RecoveryServicesManager.configure()
        .withHttpClient(setup.httpClient())
        .withRetryOptions(setup.retryOptions());
    setup.extraPolicies().forEach(configurable::withPolicy);
    this.manager = configurable.authenticate(setup.credential(), setup.profile(subscriptionId));
  }

  public VaultInfo get(String resourceGroup, String vaultName) {
    return AzureErrors.call("get vault " + vaultName,
        () -> info(manager.vaults().getByResourceGroup(resourceGroup, vaultName)));
  }

  /** Creates a Standard vault unless it exists. */
  public VaultInfo ensure(String resourceGroup, String vaultName, String region) {
    try {
      return get(resourceGroup, vaultName);
    } catch (AzureException.NotFound absent) {
      return AzureErrors.call("create vault " + vaultName, () -> info(manager.vaults().define(vaultName)
          .withRegion(region).withExistingResourceGroup(resourceGroup)
          .withSku(new Sku().withName(SkuName.STANDARD))
          .withProperties(new VaultProperties().withPublicNetworkAccess(PublicNetworkAccess.ENABLED))
          .create()));
    }
  }

  public List<VaultInfo> list(String resourceGroup) {
    return AzureErrors.call("list vaults of " + resourceGroup,
        () -> manager.vaults().listByResourceGroup(resourceGroup).stream().map(RecoveryVaultsClient::info).toList());
  }

  /** Every vault of the subscription, whatever its resource group. */
  public List<VaultInfo> list() {
    return AzureErrors.call("list vaults", () -> manager.vaults().list().stream().map(RecoveryVaultsClient::info)
        .toList());
  }

  private static VaultInfo info(Vault vault) {
    return new VaultInfo(vault.id(), vault.name(), vault.resourceGroupName(), vault.regionName(),
        vault.properties() == null || vault.properties().provisioningState() == null ? null
            : vault.properties().provisioningState());
  }
}
