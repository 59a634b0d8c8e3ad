package io.seedship.importmonitor.copylog;

import com.azure.storage.blob.BlobUrlParts;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.importjob.DriveCopyLogReported;
import io.seedship.contracts.importjob.DriveStateChanged;
import io.seedship.importmonitor.copylog.DriveLogParser.DriveLogReport;
import io.seedship.importmonitor.persistence.WatchStore;
import io.seedship.importmonitor.persistence.WatchedJob;
import io.seedship.runtime.azure.ArmId;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkFailure;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drive finished copying: read its copy log from the job's storage account (the error log, which lists only what
 * failed; the verbose log when there is no error log) and publish the failed blobs and blocks by name. Scheduled by
 * the poller, once per drive, with the drive as it was seen done.
 */
public class ReadCopyLogWork implements StageWork {

  public static final String KIND = "read-copy-log";
  private static final Logger log = LoggerFactory.getLogger(ReadCopyLogWork.class);

  private final WatchStore store;
  private final AzureClients azure;

  public ReadCopyLogWork(WatchStore store, AzureClients azure) {
    this.store = store;
    this.azure = azure;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.IMPORT;
  }

  @Override
  public void run(WorkContext context) throws Exception {
    DriveStateChanged drive = context.input(DriveStateChanged.class);
    WatchedJob job = store.job(context.seedId()).orElseThrow(() -> new IllegalStateException(
        "seed " + context.seedId() + " has no watched import job"));
    String uri = drive.getErrorLogUri() != null ? drive.getErrorLogUri() : drive.getVerboseLogUri();
    Optional<ArmId> account = ArmId.parse(job.storageAccountId());
    if (account.isEmpty()) {
      throw new WorkFailure("the copy log of drive " + drive.getDriveId() + " cannot be read: the job's storage"
          + " account id '" + job.storageAccountId() + "' is not an ARM id",
          "read the log at " + uri + " by hand", List.of());
    }
    BlobUrlParts parts = BlobUrlParts.parse(uri);
    byte[] xml = azure.storage(account.get().subscriptionId())
        .blobService(account.get().resourceGroup(), account.get().name())
        .getBlobContainerClient(parts.getBlobContainerName()).getBlobClient(parts.getBlobName())
        .downloadContent().toBytes();
    DriveLogReport report = DriveLogParser.parse(xml);
    log.info("seed {}: copy log of drive {}: {}, {} failed blob(s)", context.seedId(), drive.getDriveId(),
        report.driveStatus(), report.failedBlobs().size());
    context.finish(out -> out.emit(DriveCopyLogReported.newBuilder().setMetadata(context.event("copy-log"))
        .setImportJobName(drive.getImportJobName()).setDriveId(drive.getDriveId()).setLogUri(uri)
        .setDriveStatus(report.driveStatus()).setFailedBlobs(report.failedBlobs()).build()));
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "read the drive's copy log in the storage account by hand (its URI is in the DriveStateChanged event)";
  }
}
