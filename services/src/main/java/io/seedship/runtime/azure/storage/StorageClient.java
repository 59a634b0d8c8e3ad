package io.seedship.runtime.azure.storage;

import com.azure.resourcemanager.storage.StorageManager;
import com.azure.resourcemanager.storage.models.StorageAccount;
import com.azure.resourcemanager.storage.models.StorageAccountKey;
import com.azure.resourcemanager.storage.models.StorageAccountSkuType;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import io.seedship.runtime.azure.core.AzureErrors;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.core.ManagementSetup;
import java.util.List;

/**
 * Storage accounts of one subscription (ARM: get, keys) and a blob client for one of them, authenticated with the
 * account key fetched from ARM. The key stays inside the SDK's credential: never returned, logged or sent.
 */
public final class StorageClient {

  /** What Seedship needs of an account: where its blobs are. */
  public record StorageAccountInfo(String id, String name, String resourceGroup, String location, String blobEndpoint) {
  }

  private final ManagementSetup setup;
  private final StorageManager manager;

  public StorageClient(ManagementSetup setup, String subscriptionId) {
    this.setup = setup;
    this.manager = setup.apply(StorageManager.configure())
        .authenticate(setup.credential(), setup.profile(subscriptionId));
  }

  public StorageAccountInfo get(String resourceGroup, String accountName) {
    return AzureErrors.call("get storage account " + accountName,
        () -> info(manager.storageAccounts().getByResourceGroup(resourceGroup, accountName)));
  }

  /** Creates a StorageV2 Standard_LRS account unless it exists (for tests and local setups). */
  public StorageAccountInfo ensure(String resourceGroup, String accountName, String region) {
    try {
      return get(resourceGroup, accountName);
    } catch (AzureException.NotFound absent) {
      return AzureErrors.call("create storage account " + accountName, () -> info(manager.storageAccounts()
          .define(accountName).withRegion(region).withExistingResourceGroup(resourceGroup)
          .withGeneralPurposeAccountKindV2().withSku(StorageAccountSkuType.STANDARD_LRS).create()));
    }
  }

  /** A blob service client for the account, with retries of its own (the storage SDK's). */
  public BlobServiceClient blobService(String resourceGroup, String accountName) {
    return AzureErrors.call("open blob service of " + accountName, () -> {
      StorageAccount account = manager.storageAccounts().getByResourceGroup(resourceGroup, accountName);
      List<StorageAccountKey> keys = account.getKeys();
      if (keys.isEmpty()) {
        throw new AzureException(0, "NoAccountKey", "storage account " + accountName + " returned no keys", null, null);
      }
      // the blob SDK has retries of its own: the same attempts and delays as the management calls
      ExponentialBackoffOptions retry = setup.retryOptions().getExponentialBackoffOptions();
      return new BlobServiceClientBuilder()
          .endpoint(account.endPoints().primary().blob())
          .credential(new StorageSharedKeyCredential(accountName, keys.getFirst().value()))
          .httpClient(setup.httpClient())
          .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, retry.getMaxRetries() + 1, null,
              retry.getBaseDelay().toMillis(), retry.getMaxDelay().toMillis(), null))
          .buildClient();
    });
  }

  private static StorageAccountInfo info(StorageAccount account) {
    return new StorageAccountInfo(account.id(), account.name(), account.resourceGroupName(), account.regionName(),
        account.endPoints().primary().blob());
  }
}
