package io.seedship.staging.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.runtime.test.RecordingWorkContext;
import io.seedship.runtime.work.LeaseLostException;
import io.seedship.staging.chunks.StagingOptions;
import io.seedship.staging.intake.Fixtures;
import io.seedship.staging.persistence.SeedRequests;
import io.seedship.staging.persistence.StagedSeed;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** The staging write as work, given / when / then, on real files: what it emits, and that a lost lease stops it. */
class StagingWriteWorkTest {

  @TempDir
  Path root;
  RequestSeed command;
  final StagedSeedRepository seeds = mock(StagedSeedRepository.class);
  final AtomicReference<StagedSeed> row = new AtomicReference<>();

  @BeforeEach
  void given() throws Exception {
    command = Fixtures.requestSeed(root, "seed-1");
    Path source = Path.of(command.getRequest().getSourcePath());
    byte[] data = new byte[3 << 20];
    new Random(7).nextBytes(data);
    Files.write(source.resolve("random.bin"), data);
    var r = command.getRequest();
    row.set(new StagedSeed("seed-1", r.getImportJobName(), r.getImportJobName().toLowerCase(), r.getSubscriptionId(),
        SeedRequests.encode(r), "c", SeedRequests.stagingDir(r).toString(), 1, StagingState.READY, "ready-1", "AB",
        Instant.now(), null, null, null, null, null, null, null, null));
    when(seeds.findById("seed-1")).thenAnswer(i -> Optional.of(row.get()));
    when(seeds.update(any())).thenAnswer(i -> {
      row.set(i.getArgument(0));
      return row.get();
    });
  }

  @Test
  void theWriteFinishesWithTheSeedCompletedAndStagingCompletedListingWhatWasNotStaged() throws Exception {
    Path fifo = Path.of(command.getRequest().getSourcePath()).resolve("a-pipe");
    assumeThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    var context = RecordingWorkContext.running(StagingWriteWork.KIND, command);

    work().run(context);

    StagingCompleted completed = context.emitted(StagingCompleted.class).getFirst();
    assertThat(completed.getFileCount()).isEqualTo(2);
    assertThat(completed.getSourceBytes()).isEqualTo((3 << 20) + 1);
    assertThat(completed.getSkippedCount()).isEqualTo(1);
    assertThat(completed.getSkippedEntries()).singleElement().satisfies(e -> {
      assertThat(e.getPath()).isEqualTo("a-pipe");
      assertThat(e.getKind()).isEqualTo("fifo");
    });
    assertThat(completed.getMetadata().getCausationId()).isEqualTo(command.getMetadata().getEventId());
    assertThat(row.get().state()).isEqualTo(StagingState.COMPLETED);
    assertThat(row.get().manifestSha256()).isEqualTo(completed.getManifestSha256());
    assertThat(context.progress()).isNotEmpty();
  }

  @Test
  void aLostLeaseStopsTheWriteWithoutFinishing() throws Exception {
    var context = RecordingWorkContext.running(StagingWriteWork.KIND, command);
    context.loseLease();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> work().run(context)).satisfies(e -> {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      assertThat(root).isInstanceOf(LeaseLostException.class);
    });
    assertThat(context.finished()).isFalse();
    ArgumentCaptor<StagedSeed> updates = ArgumentCaptor.forClass(StagedSeed.class);
    verify(seeds, org.mockito.Mockito.atLeast(0)).update(updates.capture());
    assertThat(updates.getAllValues()).noneMatch(s -> s.state() == StagingState.COMPLETED);
    verify(seeds, never()).delete(any());
  }

  private StagingWriteWork work() {
    StagingOptions options = StagingOptions.defaults().withThreads(2).withChunkTargetBytes(StagingOptions.MIB)
        .withProgressInterval(Duration.ofMillis(1));
    return new StagingWriteWork(seeds, options, 1, new SimpleMeterRegistry(), Clock.systemUTC());
  }
}
