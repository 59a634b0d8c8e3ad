package io.seedship.cert.messaging;

import io.seedship.cert.preparation.PreparationRefused;
import io.seedship.cert.preparation.PreparationRequest;
import io.seedship.cert.preparation.PreparedServer;
import io.seedship.cert.preparation.ServerPreparation;
import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An accepted seed needs its backup server prepared: application, proven certificate, server files. Publishes
 * ApplicationReady (ids, thumbprint, expiry; never key material), or SeedFailed when an operator must act first.
 */
public class PrepareServerOnSeedAccepted implements SeedHandler<SeedAccepted> {

  private static final Logger log = LoggerFactory.getLogger(PrepareServerOnSeedAccepted.class);

  private final ServerPreparation preparation;

  public PrepareServerOnSeedAccepted(ServerPreparation preparation) {
    this.preparation = preparation;
  }

  @Override
  public Class<SeedAccepted> type() {
    return SeedAccepted.class;
  }

  @Override
  public void handle(SeedAccepted accepted, SeedContext context) {
    SeedRequest request = accepted.getRequest();
    try {
      PreparedServer prepared = preparation.prepare(new PreparationRequest(request.getCloud(), request.getTenantId(),
          request.getSubscriptionId(), request.getAzureUserId(), request.getBackupServer(),
          request.getStorageAccount(), request.getResourceGroup()));
      context.emit(ApplicationReady.newBuilder()
          .setMetadata(context.next())
          .setCloud(request.getCloud())
          .setTenantId(prepared.tenantId())
          .setSubscriptionId(request.getSubscriptionId())
          .setAzureUserId(prepared.azureUserId())
          .setApplicationId(prepared.applicationId())
          .setObjectId(prepared.objectId())
          .setDisplayName(prepared.displayName())
          .setCertificateThumbprint(prepared.certificate().thumbprint())
          .setCertificateSubject(prepared.certificate().subject())
          .setCertificateNotAfter(prepared.certificate().notAfter())
          .build());
      log.info("server {} prepared: application {} ({}), certificate {} until {}", prepared.serverName(),
          prepared.displayName(), prepared.applicationId(), prepared.certificate().thumbprint(),
          prepared.certificate().notAfter());
    } catch (PreparationRefused refused) {
      log.warn("cannot prepare the server of seed {}: {}", context.seedId(), refused.getMessage());
      context.emit(SeedFailed.newBuilder()
          .setMetadata(context.next())
          .setStage(SeedStage.CERTIFICATE)
          .setReason("the backup server cannot be prepared for offline backup: " + refused.getMessage())
          .setProblems(List.of(Problem.newBuilder().setField(refused.field()).setMessage(refused.getMessage()).build()))
          .build());
    }
  }
}
