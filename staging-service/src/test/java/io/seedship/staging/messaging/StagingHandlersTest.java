package io.seedship.staging.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.seedship.contracts.Samples;
import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.runtime.test.RecordingSeedContext;
import io.seedship.staging.intake.Estimate;
import io.seedship.staging.intake.Fixtures;
import io.seedship.staging.intake.SeedRequestValidator;
import io.seedship.staging.persistence.SeedRequests;
import io.seedship.staging.persistence.StagedSeed;
import io.seedship.staging.persistence.StagedSeedRepository;
import io.seedship.staging.persistence.StagingState;
import io.seedship.staging.work.CheckSourceWork;
import io.seedship.staging.work.StagingWriteWork;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** staging-service's handlers, given / when / then, without a broker: they decide quickly and schedule the slow part. */
class StagingHandlersTest {

  @TempDir
  Path root;
  RequestSeed command;
  final StagedSeedRepository seeds = mock(StagedSeedRepository.class);
  final AtomicInteger sourceWalks = new AtomicInteger();
  AcceptSeedRequest accept;

  @BeforeEach
  void given() {
    command = Fixtures.requestSeed(root, "seed-1");
    SeedRequestValidator validator = new SeedRequestValidator(p -> {
      sourceWalks.incrementAndGet();
      return new Estimate(1, 1, 1);
    }, name -> false);
    accept = new AcceptSeedRequest(validator, seeds, Clock.systemUTC());
  }

  @Test
  void aRequestThatPassesTheQuickChecksTakesItsJobNameAndSchedulesTheSourceCheckWithoutWalkingIt() {
    var context = RecordingSeedContext.handling(command);

    accept.handle(command, context);

    ArgumentCaptor<StagedSeed> saved = ArgumentCaptor.forClass(StagedSeed.class);
    verify(seeds).save(saved.capture());
    assertThat(saved.getValue().state()).isEqualTo(StagingState.CHECKING);
    assertThat(saved.getValue().importJobNameKey()).isEqualTo(command.getRequest().getImportJobName().toLowerCase());
    assertThat(context.scheduled()).containsExactly(CheckSourceWork.KIND);
    assertThat(context.emitted()).isEmpty();
    assertThat(sourceWalks).hasValue(0);
  }

  @Test
  void aRequestThatFailsTheQuickChecksIsRefusedWithEveryProblemAndLeavesNothing() {
    command.getRequest().setSourcePath("relative/path");
    command.getRequest().setImportJobName("-bad");
    var context = RecordingSeedContext.handling(command);

    accept.handle(command, context);

    SeedFailed failed = context.emitted(SeedFailed.class).getFirst();
    assertThat(failed.getStage()).isEqualTo(SeedStage.INTAKE);
    assertThat(failed.getProblems()).extracting(p -> p.getField()).contains("sourcePath", "importJobName");
    assertThat(failed.getAction()).contains("correct the fields named");
    assertThat(failed.getMetadata().getCausationId()).isEqualTo(command.getMetadata().getEventId());
    assertThat(context.scheduled()).isEmpty();
    verify(seeds, never()).save(any());
  }

  @Test
  void aSecondRequestUnderATakenSeedIdChangesNothing() {
    when(seeds.existsById("seed-1")).thenReturn(true);
    var context = RecordingSeedContext.handling(command);

    accept.handle(command, context);

    assertThat(context.emitted()).isEmpty();
    assertThat(context.scheduled()).isEmpty();
    verify(seeds, never()).save(any());
  }

  @Test
  void applicationReadyForAnAcceptedSeedSchedulesItsWriteOnce() {
    StagedSeed accepted = seed(StagingState.ACCEPTED);
    when(seeds.findById("seed-1")).thenReturn(Optional.of(accepted));
    ApplicationReady ready = ready(command.getRequest().getSubscriptionId().toUpperCase());
    var context = RecordingSeedContext.handling(ready);

    new StageOnApplicationReady(seeds).handle(ready, context);

    ArgumentCaptor<StagedSeed> updated = ArgumentCaptor.forClass(StagedSeed.class);
    verify(seeds).update(updated.capture());
    assertThat(updated.getValue().state()).isEqualTo(StagingState.READY);
    assertThat(updated.getValue().certificateThumbprint()).isEqualTo("AB12");
    assertThat(context.scheduled()).containsExactly(StagingWriteWork.KIND);
  }

  @Test
  void applicationReadyOfAnotherSubscriptionOrASeedPastAcceptanceChangesNothing() {
    when(seeds.findById("seed-1")).thenReturn(Optional.of(seed(StagingState.ACCEPTED)));
    ApplicationReady other = ready("00000000-0000-4000-8000-000000000000");
    var context = RecordingSeedContext.handling(other);
    new StageOnApplicationReady(seeds).handle(other, context);
    assertThat(context.scheduled()).isEmpty();

    when(seeds.findById("seed-1")).thenReturn(Optional.of(seed(StagingState.WRITING)));
    ApplicationReady again = ready(command.getRequest().getSubscriptionId());
    var replayed = RecordingSeedContext.handling(again);
    new StageOnApplicationReady(seeds).handle(again, replayed);
    assertThat(replayed.scheduled()).isEmpty();
    verify(seeds, never()).update(any());
  }

  private StagedSeed seed(StagingState state) {
    var r = command.getRequest();
    return new StagedSeed("seed-1", r.getImportJobName(), r.getImportJobName().toLowerCase(),
        r.getSubscriptionId().toLowerCase(), SeedRequests.encode(r), "c", SeedRequests.stagingDir(r).toString(), 10,
        state, null, null, Instant.now(), null, null, null, null, null, null, null, null);
  }

  private ApplicationReady ready(String subscription) {
    return ApplicationReady.newBuilder().setMetadata(Samples.metadata("seed-1", "cert-service"))
        .setCloud(io.seedship.contracts.common.Cloud.LOCAL).setTenantId("t").setSubscriptionId(subscription)
        .setAzureUserId("u").setApplicationId("a").setObjectId("o").setDisplayName("AzureOfflineBackup_u")
        .setCertificateThumbprint("AB12").setCertificateSubject("CN=x")
        .setCertificateNotAfter(Instant.parse("2028-01-01T00:00:00Z")).build();
  }
}
