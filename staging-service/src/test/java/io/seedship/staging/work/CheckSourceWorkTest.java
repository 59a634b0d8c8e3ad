package io.seedship.staging.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.seedship.contracts.Samples;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.test.RecordingWorkContext;
import io.seedship.runtime.work.WorkFailure;
import io.seedship.staging.intake.AllowedRoots;
import io.seedship.staging.intake.Estimate;
import io.seedship.staging.intake.Fixtures;
import io.seedship.staging.intake.FreeSpacePolicy;
import io.seedship.staging.intake.SeedRequestValidator;
import io.seedship.staging.persistence.SeedRequests;
import io.seedship.staging.persistence.StagedSeed;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** The slow half of intake as work, given / when / then: accepted with its estimate, or refused leaving nothing. */
class CheckSourceWorkTest {

  @TempDir
  Path root;
  RequestSeed command;
  final StagedSeedRepository seeds = mock(StagedSeedRepository.class);

  @BeforeEach
  void given() {
    command = Fixtures.requestSeed(root, "seed-1");
    var r = command.getRequest();
    when(seeds.findById("seed-1")).thenReturn(Optional.of(new StagedSeed("seed-1", r.getImportJobName(),
        r.getImportJobName().toLowerCase(), r.getSubscriptionId(), SeedRequests.encode(r), "c",
        SeedRequests.stagingDir(r).toString(), 0, StagingState.CHECKING, null, null, Instant.now(), null, null, null,
        null, null, null, null, null)));
  }

  @Test
  void aSourceThatFitsIsAcceptedWithItsEstimateOnceEvenWhenRunAgain() {
    CheckSourceWork work = work(2_000);
    var context = RecordingWorkContext.running(CheckSourceWork.KIND, command);

    work.run(context);

    SeedAccepted accepted = context.emitted(SeedAccepted.class).getFirst();
    assertThat(accepted.getEstimatedStagedBytes()).isEqualTo(2_000);
    assertThat(accepted.getRequest()).isEqualTo(command.getRequest());
    ArgumentCaptor<StagedSeed> updated = ArgumentCaptor.forClass(StagedSeed.class);
    verify(seeds).update(updated.capture());
    assertThat(updated.getValue().state()).isEqualTo(StagingState.ACCEPTED);
    assertThat(updated.getValue().estimatedStagedBytes()).isEqualTo(2_000);
    // a second run (a take-over) emits the same event id, which consumers skip
    var again = RecordingWorkContext.running(CheckSourceWork.KIND, command).attempt(2);
    work.run(again);
    assertThat(again.emitted(SeedAccepted.class).getFirst().getMetadata().getEventId())
        .isEqualTo(accepted.getMetadata().getEventId());
  }

  @Test
  void aStagingLocationTooSmallForTheEstimateRefusesTheSeedAndFreesItsJobName() {
    CheckSourceWork work = work(Long.MAX_VALUE / 4);
    var context = RecordingWorkContext.running(CheckSourceWork.KIND, command);

    assertThatThrownBy(() -> work.run(context)).isInstanceOfSatisfying(WorkFailure.class, f -> {
      assertThat(f.problems()).extracting(p -> p.getField()).containsExactly("stagingLocation");
      assertThat(f.action()).contains("correct the fields named");
    });
    assertThat(context.finished()).isFalse();

    StagedSeed checking = seeds.findById("seed-1").orElseThrow();
    work.failed(context, Samples.seedFailed("seed-1"));
    verify(seeds).delete(checking);
  }

  private CheckSourceWork work(long estimate) {
    return new CheckSourceWork(new SeedRequestValidator(p -> new Estimate(estimate, 1, estimate), name -> false,
        new FreeSpacePolicy(0.10, 0), AllowedRoots.ANYWHERE), seeds);
  }
}
