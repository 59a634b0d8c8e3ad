package io.seedship.vault.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.Samples;
import io.seedship.contracts.common.DriveState;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.importjob.DriveObservation;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.runtime.test.RecordingSeedContext;
import io.seedship.vault.verify.VerifyImportWork;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyOnImportJobFinishedTest {

  @Test
  void aCancelledJobEndsTheSeedCancelledNamingItsDrivesAndADeletedOneEndsItFailed() {
    SeedFailed cancelled = failureOf(ImportJobOutcome.CANCELLED);
    assertThat(cancelled.getCancelled()).isTrue();
    assertThat(cancelled.getStage()).isEqualTo(SeedStage.IMPORT);
    assertThat(cancelled.getReason()).contains("ended CANCELLED");
    assertThat(cancelled.getProblems()).anyMatch(p -> p.getMessage().contains("D1"));

    assertThat(failureOf(ImportJobOutcome.DELETED).getCancelled()).isFalse();
  }

  @Test
  void aCompletedJobIsVerifiedNotEnded() {
    var context = RecordingSeedContext.handling(finished(ImportJobOutcome.COMPLETED));
    new VerifyOnImportJobFinished().handle(finished(ImportJobOutcome.COMPLETED), context);
    assertThat(context.emitted()).isEmpty();
    assertThat(context.scheduled()).containsExactly(VerifyImportWork.KIND);
  }

  private static SeedFailed failureOf(ImportJobOutcome outcome) {
    ImportJobFinished finished = finished(outcome);
    var context = RecordingSeedContext.handling(finished);
    new VerifyOnImportJobFinished().handle(finished, context);
    assertThat(context.scheduled()).isEmpty();
    return context.emitted(SeedFailed.class).getFirst();
  }

  private static ImportJobFinished finished(ImportJobOutcome outcome) {
    return ImportJobFinished.newBuilder().setMetadata(Samples.metadata("seed-1", "importmonitor-service"))
        .setImportJobName("job-1").setOutcome(outcome).setFinalState(ImportJobState.COMPLETED)
        .setDrives(List.of(DriveObservation.newBuilder().setDriveId("D1").setState(DriveState.SHIPPED_BACK).build()))
        .setDetail(outcome.toString()).build();
  }
}
