package io.seedship.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.Samples;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.diskprep.DriveFormatRefused;
import io.seedship.contracts.diskprep.DriveWriteProgress;
import io.seedship.contracts.importjob.ImportJobStateChanged;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.shipping.ArrivalDeadlineWarning;
import io.seedship.contracts.shipping.CancelRefused;
import io.seedship.contracts.shipping.ShipmentRefused;
import io.seedship.contracts.shipping.UnshippedJobWarning;
import io.seedship.contracts.staging.SkippedEntry;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.status.SeedState;
import io.seedship.contracts.status.SeedStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which event means which state: the one mapping, and the ids that make a repeated status a duplicate. */
class SeedStatusesTest {

  @Test
  void aFailureSaysFailedAtItsStageWithTheReasonAndWhatToDo() {
    SeedFailed failed = SeedFailures.of(Samples.metadata("seed-1", "cert-service"), SeedStage.CERTIFICATE,
        "Graph answered 403", "make cert-service an owner");

    SeedStatus status = SeedStatuses.of(failed).orElseThrow();

    assertThat(status.getState()).isEqualTo(SeedState.FAILED);
    assertThat(status.getStage()).isEqualTo(SeedStage.CERTIFICATE);
    assertThat(status.getDetail()).isEqualTo("Graph answered 403 | what to do: make cert-service an owner");
    assertThat(status.getMetadata().getCausationId()).isEqualTo(failed.getMetadata().getEventId());
    assertThat(status.getMetadata().getEventId()).isNotEqualTo(failed.getMetadata().getEventId())
        .isEqualTo(SeedStatuses.of(failed).orElseThrow().getMetadata().getEventId());
  }

  @Test
  void aStagingWithSkippedEntriesSaysSoInItsStatus() {
    StagingCompleted completed = StagingCompleted.newBuilder().setMetadata(Samples.metadata("seed-1", "staging"))
        .setStagingLocation("/s").setManifestPath("/s/j/staging-manifest.json").setManifestSha256("00")
        .setSourceBytes(10).setStagedBytes(5).setFileCount(3).setChunkCount(1)
        .setSkippedEntries(List.of(SkippedEntry.newBuilder().setPath("p").setKind("fifo").setReason("r").build()))
        .setSkippedCount(1).build();

    SeedStatus status = SeedStatuses.of(completed).orElseThrow();

    assertThat(status.getState()).isEqualTo(SeedState.STAGED);
    assertThat(status.getPercentComplete()).isEqualTo(100);
    assertThat(status.getDetail()).contains("3 files", "1 entries not staged");
  }

  @Test
  void progressGivesThePercentOfBytes() {
    SeedStatus status = SeedStatuses.of(Samples.stagingProgress("seed-1")).orElseThrow();

    assertThat(status.getState()).isEqualTo(SeedState.STAGING);
    assertThat(status.getPercentComplete()).isEqualTo(25);
    assertThat(status.getDetail()).isEqualTo("staging: 1200 of 5000 files, 250.0 MB/s, 13s left");
  }

  @Test
  void aRefusedChangeLeavesTheSeedWhereItIsAndARefusedFirstRegistrationWaitsForAnother() {
    ShipmentRefused first = refused(null);
    ShipmentRefused change = refused("1Z 0");

    assertThat(SeedStatuses.of(first).orElseThrow().getState()).isEqualTo(SeedState.AWAITING_SHIPMENT);
    assertThat(SeedStatuses.of(change)).isEmpty();
  }

  @Test
  void deadlinesSayWhatIsLateAndUntilWhen() {
    Instant deadline = Instant.parse("2026-12-16T10:00:00Z");
    SeedStatus warned = SeedStatuses.of(ArrivalDeadlineWarning.newBuilder()
        .setMetadata(Samples.metadata("seed-1", "shipping")).setImportJobName("job").setTrackingNumber("1Z 1")
        .setArrivalDeadline(deadline).setRemainingMillis(1).build()).orElseThrow();
    SeedStatus unshipped = SeedStatuses.of(UnshippedJobWarning.newBuilder()
        .setMetadata(Samples.metadata("seed-2", "shipping")).setImportJobName("job2").setDeletionDue(deadline)
        .setRemainingMillis(1).build()).orElseThrow();

    assertThat(warned.getState()).isEqualTo(SeedState.IN_TRANSIT);
    assertThat(warned.getDetail()).contains("1Z 1", "2026-12-16T10:00:00Z");
    assertThat(unshipped.getState()).isEqualTo(SeedState.AWAITING_SHIPMENT);
    assertThat(unshipped.getDetail()).contains("deletes import job job2 at 2026-12-16T10:00:00Z");
  }

  @Test
  void aJobCreatingOrShippingIsStillOnItsWayAndOnlyAReceivedOneIsImporting() {
    assertThat(jobState(ImportJobState.CREATING).getState()).isEqualTo(SeedState.AWAITING_SHIPMENT);
    assertThat(jobState(ImportJobState.SHIPPING).getState()).isEqualTo(SeedState.IN_TRANSIT);
    assertThat(jobState(ImportJobState.RECEIVED).getState()).isEqualTo(SeedState.IMPORTING);
    assertThat(jobState(ImportJobState.SHIPPING).getEvent()).isEqualTo("ImportJobStateChanged");
  }

  @Test
  void aRefusedCancelSaysTheImportGoesOnAndNamesItsEvent() {
    SeedStatus refused = SeedStatuses.of(CancelRefused.newBuilder().setMetadata(Samples.metadata("seed-1",
        "shipping")).setImportJobName("job").setJobState("Transferring")
        .setReason("only a job in Creating or Shipping can be cancelled").build()).orElseThrow();

    assertThat(refused.getState()).isEqualTo(SeedState.IMPORTING);
    assertThat(refused.getEvent()).isEqualTo("CancelRefused");
    assertThat(refused.getDetail()).startsWith("cancel refused: only a job in Creating").endsWith("the import goes on");
  }

  @Test
  void aConfirmationRefusedForTheSeedItselfLeavesItWhereItIsAndOneRefusedForADriveWaitsForAnother() {
    DriveFormatRefused late = DriveFormatRefused.newBuilder().setMetadata(Samples.metadata("seed-1", "diskprep"))
        .setCopyMachine("copy-01").setConfirmedBy("op").setProblems(List.of(Problem.newBuilder().setField("seedId")
            .setMessage("seed seed-1 already has its drives confirmed (JOB_CREATED)").build())).build();
    DriveFormatRefused drive = DriveFormatRefused.newBuilder().setMetadata(Samples.metadata("seed-1", "diskprep"))
        .setCopyMachine("copy-01").setConfirmedBy("op").setProblems(List.of(Problem.newBuilder().setField("SN1")
            .setMessage("SN1 is mounted").build())).build();

    assertThat(SeedStatuses.of(late)).isEmpty();
    assertThat(SeedStatuses.of(drive).orElseThrow().getState()).isEqualTo(SeedState.STAGED);
  }

  @Test
  void aDriveWriteSaysItsRateAndTimeLeftOnceKnown() {
    DriveWriteProgress.Builder progress = DriveWriteProgress.newBuilder()
        .setMetadata(Samples.metadata("seed-1", "diskprep")).setCopyMachine("copy-01").setDriveId("SN1")
        .setDriveIndex(1).setDriveCount(2).setBytesDone(1L << 30).setBytesTotal(4L << 30)
        .setBytesPerSecond(180_000_000L);

    assertThat(SeedStatuses.of(progress.setSecondsLeft(3725L).build()).orElseThrow().getDetail())
        .isEqualTo("writing drive SN1 (1 of 2): 1073741824 of 4294967296 bytes, 180.0 MB/s, 1h2m5s left");
    assertThat(SeedStatuses.of(progress.setSecondsLeft(null).build()).orElseThrow().getDetail())
        .endsWith("bytes, 180.0 MB/s");
  }

  private static SeedStatus jobState(ImportJobState state) {
    return SeedStatuses.of(ImportJobStateChanged.newBuilder().setMetadata(Samples.metadata("seed-1",
        "importmonitor")).setImportJobName("job").setState(state).build()).orElseThrow();
  }

  private static ShipmentRefused refused(String registered) {
    return ShipmentRefused.newBuilder().setMetadata(Samples.metadata("seed-1", "shipping")).setImportJobName("job")
        .setTrackingNumber("1Z 1").setProblems(List.of(Problem.newBuilder().setField("carrierName")
            .setMessage("carrierName 'Pigeon' is not a carrier").build())).setRegisteredTrackingNumber(registered)
        .build();
  }
}
