package io.seedship.shipping.work;

import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.shipping.UnshippedJobWarning;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkDeferred;
import io.seedship.shipping.persistence.ShipmentRepository;
import io.seedship.shipping.persistence.ShippingJob;
import io.seedship.shipping.persistence.ShippingJobRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Azure deletes an import job left in Creating two weeks after it was created (an update while Creating resets that
 * timer; shipping the job is the update Seedship makes, and it ends the Creating state). When {@code warningBefore} that
 * deletion the job is still Creating and no package is registered, UnshippedJobWarning says so, once; completed and
 * closed jobs' own 90 days are importmonitor-service's to report, since it sees the job end.
 */
public class UnshippedJobWork implements StageWork {

  public static final String KIND = "unshipped-job-warning";

  private final Duration creatingLimit;
  private final Duration warningBefore;
  private final Duration recheck;
  private final ShippingJobRepository jobs;
  private final ShipmentRepository shipments;
  private final AzureClients azure;

  public UnshippedJobWork(Duration creatingLimit, Duration warningBefore, Duration recheck,
                          ShippingJobRepository jobs, ShipmentRepository shipments, AzureClients azure) {
    this.creatingLimit = creatingLimit;
    this.warningBefore = warningBefore;
    this.recheck = recheck;
    this.jobs = jobs;
    this.shipments = shipments;
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
    if (shipments.existsById(context.seedId())) {
      context.finish(tx -> { }); // shipped: the job left Creating
      return;
    }
    ShippingJob job = jobs.findById(context.seedId()).orElseThrow();
    Optional<ImportJobStatus> onAzure = azure.importJobs(job.subscriptionId()).find(job.resourceGroup(),
        job.importJobName());
    if (onAzure.map(ImportJobStatus::state).filter(ImportJobState.CREATING::equals).isEmpty()) {
      context.finish(tx -> { }); // shipped, cancelled or gone already
      return;
    }
    // counted on Azure's clock from the job's last update, as Azure counts it; the event's time is the fallback
    Instant deletion = Optional.ofNullable(onAzure.get().lastModifiedAt()).orElse(job.createdAt()).plus(creatingLimit);
    Instant now = azure.time().instant();
    Instant due = deletion.minus(warningBefore);
    if (now.isBefore(due)) {
      throw WorkDeferred.until(due, now, recheck, KIND + " of " + job.importJobName() + " is due at " + due);
    }
    context.finish(tx -> tx.emit(UnshippedJobWarning.newBuilder().setMetadata(context.event(KIND))
        .setImportJobName(job.importJobName()).setDeletionDue(deletion)
        .setRemainingMillis(Math.max(0, Duration.between(now, deletion).toMillis())).build()));
  }
}
