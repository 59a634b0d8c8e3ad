package io.seedship.runtime.azure.resources;

import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.ResourceGroup;
import io.seedship.runtime.azure.core.AzureErrors;
import io.seedship.runtime.azure.core.ManagementSetup;

/** Resource groups of one subscription: the containers import jobs, storage accounts and vaults live in. */
public final class ResourceGroupsClient {

  private final ResourceManager manager;

  public ResourceGroupsClient(ManagementSetup setup, String subscriptionId) {
    this.manager = setup.apply(ResourceManager.configure())
        .authenticate(setup.credential(), setup.profile(subscriptionId))
        .withSubscription(subscriptionId);
  }

  /** Creates the group in {@code region} unless it exists; returns its id. */
  public String ensure(String name, String region) {
    return AzureErrors.call("ensure resource group " + name, () -> {
      if (manager.resourceGroups().contain(name)) {
        return manager.resourceGroups().getByName(name).id();
      }
      ResourceGroup group = manager.resourceGroups().define(name).withRegion(region).create();
      return group.id();
    });
  }

  public boolean exists(String name) {
    return AzureErrors.call("check resource group " + name, () -> manager.resourceGroups().contain(name));
  }

  public void delete(String name) {
    AzureErrors.run("delete resource group " + name, () -> manager.resourceGroups().deleteByName(name));
  }
}
