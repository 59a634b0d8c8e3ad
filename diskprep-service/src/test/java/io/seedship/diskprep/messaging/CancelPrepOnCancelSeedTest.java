package io.seedship.diskprep.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.command.CancelSeed;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.diskprep.persistence.PrepDrive;
import io.seedship.diskprep.persistence.PrepDriveRepository;
import io.seedship.diskprep.persistence.PrepSeed;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.diskprep.persistence.PrepState;
import io.seedship.diskprep.work.OfferDrivesWork;
import io.seedship.runtime.cancel.Cancellation;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.test.RecordingSeedContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;

/** The cancel on a copy machine, given where the seed stands: who ends it, and what its SeedFailed names. */
class CancelPrepOnCancelSeedTest {

  static final String SEED = "seed-1";
  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  final PrepSeedRepository seeds = mock(PrepSeedRepository.class);
  final PrepDriveRepository drives = mock(PrepDriveRepository.class);
  final SeedCancellations cancellations = mock(SeedCancellations.class);
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final CancelPrepOnCancelSeed handler = new CancelPrepOnCancelSeed(seeds, drives, cancellations, clock);
  final CancelSeed command = CancelSeed.newBuilder().setMetadata(metadata()).setReason("wrong source")
      .setRequestedBy("ops@example.com").build();

  CancelPrepOnCancelSeedTest() {
    when(cancellations.record(any())).thenReturn(cancellation());
  }

  @ParameterizedTest
  @EnumSource(value = PrepState.class, names = {"ACCEPTED", "JOB_CREATED", "FAILED", "CANCELLED"})
  void aSeedNotHeldHereIsOnlyRecorded(PrepState state) {
    when(seeds.findByIdForUpdate(SEED)).thenReturn(Optional.of(seed(state)));
    var context = RecordingSeedContext.handling(command);

    handler.handle(command, context);

    verify(cancellations).record(command);
    assertThat(context.emitted()).isEmpty();
    verify(seeds, never()).update(any());
    verify(drives, never()).delete(any());
  }

  @Test
  void aSeedThisCopyMachineNeverHeardOfIsOnlyRecorded() {
    when(seeds.findByIdForUpdate(SEED)).thenReturn(Optional.empty());
    var context = RecordingSeedContext.handling(command);

    handler.handle(command, context);

    verify(cancellations).record(command);
    assertThat(context.emitted()).isEmpty();
  }

  @Test
  void aSeedWithDrivesOfferedEndsCancelledWithNoDriveTouched() {
    when(seeds.findByIdForUpdate(SEED)).thenReturn(Optional.of(seed(PrepState.STAGED)));
    var context = RecordingSeedContext.handling(command);

    handler.handle(command, context);

    SeedFailed failed = context.emitted(SeedFailed.class).getFirst();
    assertThat(context.emitted()).hasSize(1);
    assertThat(failed.getCancelled()).isTrue();
    assertThat(failed.getStage()).isEqualTo(SeedStage.DISK_PREP);
    assertThat(failed.getReason()).isEqualTo("cancelled by ops@example.com: wrong source; drives were offered and"
        + " none was confirmed; no drive was touched");
    assertThat(context.workStopped()).isTrue();
    assertThat(updatedState()).isEqualTo(PrepState.CANCELLED);
  }

  @Test
  void aCancelDuringTheWriteNamesEachDriveToFormatAndFreesTheUntouchedOnes() {
    when(seeds.findByIdForUpdate(SEED)).thenReturn(Optional.of(seed(PrepState.WRITING)));
    PrepDrive untouched = PrepDrive.confirmed("SN3", SEED, 3, "/dev/sdd", 1L << 40, NOW);
    byte[] sealed = "sealed-password".getBytes();
    when(drives.findBySeedIdOrderByDriveIndex(SEED)).thenReturn(List.of(
        PrepDrive.confirmed("SN1", SEED, 1, "/dev/sdb", 1L << 40, NOW).writing(sealed)
            .written("x.manifest", "md5", "hash", 10, 1000, NOW),
        PrepDrive.confirmed("SN2", SEED, 2, "/dev/sdc", 1L << 40, NOW).writing(sealed),
        untouched));
    var context = RecordingSeedContext.handling(command);

    handler.handle(command, context);

    SeedFailed failed = context.emitted(SeedFailed.class).getFirst();
    assertThat(failed.getReason()).isEqualTo("cancelled by ops@example.com: wrong source; the drive write was"
        + " stopped; drive SN1 was written; drive SN2 was partly written; format them before reuse; drive SN3 was"
        + " confirmed but not touched, and free again");
    assertThat(failed.getProblems()).extracting(Problem::getField).containsExactly("SN1", "SN2");
    assertThat(context.workStopped()).isTrue();
    ArgumentCaptor<PrepDrive> freed = ArgumentCaptor.forClass(PrepDrive.class);
    verify(drives).delete(freed.capture());
    assertThat(freed.getAllValues()).containsExactly(untouched);
    assertThat(updatedState()).isEqualTo(PrepState.CANCELLED);
  }

  @Test
  void aCancelWhileTheImportJobIsBeingCreatedSaysWhatBecomesOfAJobAzureMayHaveMade() {
    when(seeds.findByIdForUpdate(SEED)).thenReturn(Optional.of(seed(PrepState.WRITTEN)));
    when(drives.findBySeedIdOrderByDriveIndex(SEED)).thenReturn(List.of(
        PrepDrive.confirmed("SN1", SEED, 1, "/dev/sdb", 1L << 40, NOW).writing(new byte[1])
            .written("x.manifest", "md5", "hash", 10, 1000, NOW),
        PrepDrive.confirmed("SN2", SEED, 2, "/dev/sdc", 1L << 40, NOW).writing(new byte[1])
            .written("y.manifest", "md5", "hash", 10, 1000, NOW)));
    var context = RecordingSeedContext.handling(command);

    handler.handle(command, context);

    assertThat(context.emitted(SeedFailed.class).getFirst().getReason())
        .contains("the import job was not created").contains("stays in Creating").contains("after two weeks")
        .contains("drives SN1 and SN2 were written; format them before reuse");
    verify(drives, never()).delete(any());
  }

  @Test
  void stagingCompletedAfterACancelEndsTheSeedWithNoDriveOffered() {
    var staged = new OfferDrivesOnStagingCompleted(seeds, cancellations, clock);
    StagingCompleted completed = completed();
    when(seeds.findByIdForUpdate(SEED)).thenReturn(Optional.of(seed(PrepState.ACCEPTED)));
    when(cancellations.find(SEED)).thenReturn(Optional.of(cancellation()));
    var context = RecordingSeedContext.handling(completed);

    staged.handle(completed, context);

    assertThat(context.scheduled()).isEmpty();
    SeedFailed failed = context.emitted(SeedFailed.class).getFirst();
    assertThat(failed.getCancelled()).isTrue();
    assertThat(failed.getStage()).isEqualTo(SeedStage.DISK_PREP);
    assertThat(failed.getReason()).contains("no drive was offered and no drive was touched");
    assertThat(updatedState()).isEqualTo(PrepState.CANCELLED);
  }

  @Test
  void stagingCompletedWithoutACancelOffersDrives() {
    var staged = new OfferDrivesOnStagingCompleted(seeds, cancellations, clock);
    StagingCompleted completed = completed();
    when(seeds.findByIdForUpdate(SEED)).thenReturn(Optional.of(seed(PrepState.ACCEPTED)));
    when(cancellations.find(SEED)).thenReturn(Optional.empty());
    var context = RecordingSeedContext.handling(completed);

    staged.handle(completed, context);

    assertThat(context.scheduled()).containsExactly(OfferDrivesWork.KIND);
    assertThat(context.emitted()).isEmpty();
    assertThat(updatedState()).isEqualTo(PrepState.OFFERING);
  }

  // ---------------------------------------------------------------------------------------------------------------

  PrepState updatedState() {
    ArgumentCaptor<PrepSeed> saved = ArgumentCaptor.forClass(PrepSeed.class);
    verify(seeds).update(saved.capture());
    return saved.getValue().state();
  }

  static PrepSeed seed(PrepState state) {
    PrepSeed accepted = PrepSeed.accepted(SEED, new byte[0], NOW);
    PrepSeed staged = accepted.staged("/staging/seed-1", "/staging/seed-1/manifest", "ab", 1000, new byte[0], NOW);
    return switch (state) {
      case ACCEPTED -> accepted;
      case OFFERING -> accepted.offering(NOW);
      case STAGED -> staged;
      case WRITING -> staged.writing("ops@example.com", NOW);
      case WRITTEN -> staged.writing("ops@example.com", NOW).written(NOW);
      case JOB_CREATED -> staged.writing("ops@example.com", NOW).written(NOW).jobCreated("job", "/id", NOW);
      case FAILED -> staged.failed(NOW);
      case CANCELLED -> staged.cancelled(NOW);
    };
  }

  static Cancellation cancellation() {
    return new Cancellation(SEED, "cancel-1", "wrong source", "ops@example.com", NOW);
  }

  static EventMetadata metadata() {
    return EventMetadata.newBuilder().setEventId("event-" + System.nanoTime()).setSeedId(SEED).setOccurredAt(NOW)
        .setProducer("seedship-cli").setCorrelationId("correlation-1").build();
  }

  static StagingCompleted completed() {
    SeedshipCodec.trustContracts(); // the event's defaults are contracts records, which Avro must trust
    return StagingCompleted.newBuilder().setMetadata(metadata()).setStagingLocation("/staging")
        .setManifestPath("/staging/seed-1/manifest").setManifestSha256("ab").setSourceBytes(1).setStagedBytes(1)
        .setFileCount(1).setChunkCount(1).build();
  }
}
