package io.seedship.shipping.work;

import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.shipping.CancelRefused;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.shipping.persistence.ShippingJob;
import io.seedship.shipping.persistence.ShippingJobRepository;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Azure to cancel a cancelled seed's import job. Azure takes it while the job is Creating (the job ends at once)
 * or Shipping (the datacenter returns the drives without copying them); importmonitor-service sees the job end and
 * the seed ends there, so a cancel Azure took says nothing more here. Once the drives are at the datacenter Azure
 * refuses it: CancelRefused, with Azure's words, and the import goes on. Never a SeedFailed for a refusal; throttling
 * and other errors are the runtime's to retry.
 *
 * <p>Safe to repeat: a job whose cancel Azure already holds (a crash after its answer, a second CancelSeed) is
 * finished without asking again, since Azure refuses a cancel of a job that already ended cancelled.
 */
public class CancelImportJobWork implements StageWork {

  public static final String KIND = "cancel-import-job";
  private static final Logger log = LoggerFactory.getLogger(CancelImportJobWork.class);
  /** The states in which Azure takes a cancel: any refusal then is not about the job's state. */
  private static final Set<ImportJobState> CANCELLABLE = Set.of(ImportJobState.CREATING, ImportJobState.SHIPPING);

  private final ShippingJobRepository jobs;
  private final AzureClients azure;

  public CancelImportJobWork(ShippingJobRepository jobs, AzureClients azure) {
    this.jobs = jobs;
    this.azure = azure;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.SHIPPING;
  }

  @Override
  public void run(WorkContext context) {
    ShippingJob job = jobs.findById(context.seedId()).orElseThrow();
    ImportJobs importJobs = azure.importJobs(job.subscriptionId());
    Optional<ImportJobStatus> before = importJobs.find(job.resourceGroup(), job.importJobName());
    if (before.isEmpty()) {
      log.warn("seed {}: import job {} is gone from Azure (deleted while Creating); nothing to cancel",
          context.seedId(), job.importJobName());
      context.finish(tx -> { });
      return;
    }
    Instant sentAt = azure.time().instant();
    if (before.get().cancelRequested()) {
      log.info("seed {}: Azure holds the cancel of import job {} already", context.seedId(), job.importJobName());
      context.finish(tx -> jobs.markCancelSent(context.seedId(), sentAt));
      return;
    }
    try {
      ImportJobStatus after = importJobs.cancel(job.resourceGroup(), job.importJobName());
      log.info("seed {}: Azure took the cancel of import job {} ({})", context.seedId(), job.importJobName(),
          after.state());
    } catch (AzureException.NotFound gone) {
      log.warn("seed {}: import job {} was deleted before its cancel; nothing to cancel", context.seedId(),
          job.importJobName());
      context.finish(tx -> { });
      return;
    } catch (AzureException.Conflict | AzureException.BadRequest refused) {
      Optional<ImportJobStatus> now = importJobs.find(job.resourceGroup(), job.importJobName());
      ImportJobState state = now.map(ImportJobStatus::state).orElse(before.get().state());
      if (now.map(ImportJobStatus::cancelRequested).orElse(false)) {
        log.info("seed {}: import job {} was cancelled meanwhile", context.seedId(), job.importJobName());
      } else if (CANCELLABLE.contains(state)) {
        throw refused; // not refused for the job's state: retried, the error kept on the work
      } else {
        log.warn("seed {}: Azure refused to cancel import job {} ({}): {}", context.seedId(), job.importJobName(),
            state, refused.getMessage());
        context.finish(tx -> tx.emit(CancelRefused.newBuilder().setMetadata(context.event("refused"))
            .setImportJobName(job.importJobName()).setJobState(azureName(state))
            .setReason(refused.getMessage()).build()));
        return;
      }
    }
    context.finish(tx -> jobs.markCancelSent(context.seedId(), sentAt));
  }

  /** The state as Azure spells it (Received, Transferring), or null when the API gave one Seedship does not know. */
  private static String azureName(ImportJobState state) {
    if (state == ImportJobState.UNKNOWN) {
      return null;
    }
    String name = state.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "check shipping-service's Azure access to the import job (see its log); while the job is Creating or"
        + " Shipping it can also be cancelled in the Azure portal";
  }
}
