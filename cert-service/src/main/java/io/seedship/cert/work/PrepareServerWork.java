package io.seedship.cert.work;

import io.seedship.cert.preparation.PreparationRefused;
import io.seedship.cert.preparation.PreparationRequest;
import io.seedship.cert.preparation.PreparedServer;
import io.seedship.cert.preparation.ServerPreparation;
import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Prepare the server for offline backup" for an accepted seed: application, proven certificate, server files; then
 * ApplicationReady (ids, thumbprint, expiry; never key material). Safe to repeat: a second run finds the application,
 * the current certificate registered and proven, and rewrites the same files.
 *
 * <p>The preparation runs in a database transaction of its own, which holds the application's row lock across the
 * Graph calls (so two seeds of one user never race on Graph's whole-collection PATCH); no Kafka transaction is open.
 * A refusal an operator must resolve (a permission, a wrong tenant) fails the seed at once; Graph's throttling
 * re-queues the work for the delay it asked.
 */
public class PrepareServerWork implements StageWork {

  public static final String KIND = "prepare-server";
  private static final Logger log = LoggerFactory.getLogger(PrepareServerWork.class);

  private final ServerPreparation preparation;
  private final TransactionTemplate tx;

  public PrepareServerWork(ServerPreparation preparation, TransactionTemplate tx) {
    this.preparation = preparation;
    this.tx = tx;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.CERTIFICATE;
  }

  @Override
  public void run(WorkContext context) {
    SeedRequest request = context.input(SeedAccepted.class).getRequest();
    PreparedServer prepared;
    try {
      prepared = tx.execute(status -> preparation.prepare(new PreparationRequest(request.getCloud(),
          request.getTenantId(), request.getSubscriptionId(), request.getAzureUserId(), request.getBackupServer(),
          request.getStorageAccount(), request.getResourceGroup())));
    } catch (PreparationRefused refused) {
      throw WorkFailure.of(refused.field(), "the backup server cannot be prepared for offline backup: "
          + refused.getMessage(), "do what the reason says, then request the seed again");
    }
    context.finish(out -> out.emit(ApplicationReady.newBuilder()
        .setMetadata(context.event("ready"))
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
        .build()));
    log.info("server {} prepared: application {} ({}), certificate {} until {}", prepared.serverName(),
        prepared.displayName(), prepared.applicationId(), prepared.certificate().thumbprint(),
        prepared.certificate().notAfter());
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "check that Microsoft Graph and Entra ID are reachable from cert-service and that its identity may manage "
        + "applications (Application.ReadWrite.All or owner), then request the seed again";
  }
}
