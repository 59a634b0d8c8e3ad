package io.seedship.vault.messaging;

import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.importjob.DriveObservation;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedFailures;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.vault.verify.VerifyImportWork;
import java.util.List;
import java.util.Set;

/**
 * The import job ended. When its drives were copied (Completed, also with a drive that has more information), what
 * arrived is verified against what was staged ({@link VerifyImportWork}); a job Closed, cancelled or deleted ends the
 * seed with a SeedFailed that names each drive, its state and its copy logs.
 */
public class VerifyOnImportJobFinished implements SeedHandler<ImportJobFinished> {

  private static final Set<ImportJobOutcome> COPIED = Set.of(ImportJobOutcome.COMPLETED,
      ImportJobOutcome.COMPLETED_MORE_INFO);

  @Override
  public Class<ImportJobFinished> type() {
    return ImportJobFinished.class;
  }

  @Override
  public void handle(ImportJobFinished finished, SeedContext context) {
    if (COPIED.contains(finished.getOutcome())) {
      context.schedule(VerifyImportWork.KIND);
      return;
    }
    List<String> drives = finished.getDrives().stream().map(VerifyOnImportJobFinished::describe).toList();
    context.emit(SeedFailures.of(context.next(), SeedStage.IMPORT, "import job " + finished.getImportJobName()
            + " ended " + finished.getOutcome() + ": " + finished.getDetail(),
        finished.getOutcome() == ImportJobOutcome.CLOSED
            ? "read each drive's copy log (DriveCopyLogReported names the failed blobs); the blobs that failed must"
              + " travel again, on new drives under a new import job, or the seed is requested again"
            : "request the seed again: its drives were not imported",
        drives.stream().map(d -> SeedFailures.problem("drives", d)).toList()));
  }

  private static String describe(DriveObservation d) {
    return "drive " + d.getDriveId() + " " + d.getState()
        + (d.getErrorLogUri() == null ? "" : ", error log " + d.getErrorLogUri())
        + (d.getVerboseLogUri() == null ? "" : ", verbose log " + d.getVerboseLogUri());
  }
}
