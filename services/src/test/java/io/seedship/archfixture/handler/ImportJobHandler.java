package io.seedship.archfixture.handler;

import io.seedship.contracts.command.RequestSeed;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;

/** A handler calling Azure inside the message transaction. */
public class ImportJobHandler implements SeedHandler<RequestSeed> {

  private final AzureClients azure;

  public ImportJobHandler(AzureClients azure) {
    this.azure = azure;
  }

  @Override
  public Class<RequestSeed> type() {
    return RequestSeed.class;
  }

  @Override
  public void handle(RequestSeed record, SeedContext context) {
    azure.importExport(record.getRequest().getSubscriptionId()).find("rg", "job");
  }
}
