package io.seedship.vault.messaging;

import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedFailures;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.vault.verify.VerifyImportWork;
import java.util.List;
import java.util.Set;

/**
 * The import job ended. When its drives were copied (Completed, also with a drive that has more information) or the
 * job was Closed, what arrived is verified against what was staged ({@link VerifyImportWork}: a Closed job ends the
 * seed there, naming the blobs that must travel again); a job cancelled or deleted ends the seed with a SeedFailed
 * that names each drive, its state and its copy logs.
 */
public class VerifyOnImportJobFinished implements SeedHandler<ImportJobFinished> {

  private static final Set<ImportJobOutcome> VERIFIED = Set.of(ImportJobOutcome.COMPLETED,
      ImportJobOutcome.COMPLETED_MORE_INFO, ImportJobOutcome.CLOSED);

  @Override
  public Class<ImportJobFinished> type() {
    return ImportJobFinished.class;
  }

  @Override
  public void handle(ImportJobFinished finished, SeedContext context) {
    if (VERIFIED.contains(finished.getOutcome())) {
      context.schedule(VerifyImportWork.KIND);
      return;
    }
    List<String> drives = finished.getDrives().stream().map(VerifyImportWork::describe).toList();
    SeedFailed failed = SeedFailures.of(context.next(), SeedStage.IMPORT, "import job "
            + finished.getImportJobName() + " ended " + finished.getOutcome() + ": " + finished.getDetail(),
        "request the seed again: its drives were not imported",
        drives.stream().map(d -> SeedFailures.problem("drives", d)).toList());
    // a job is cancelled by an operator: through `seedship seed cancel` (shipping-service asks Azure) or the portal
    failed.setCancelled(finished.getOutcome() == ImportJobOutcome.CANCELLED);
    context.emit(failed);
  }
}
