package io.seedship.importmonitor.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.common.DriveState;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.importjob.DriveStateChanged;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.contracts.importjob.ImportJobProgress;
import io.seedship.contracts.importjob.ImportJobStateChanged;
import io.seedship.importmonitor.persistence.WatchedDrive;
import io.seedship.importmonitor.persistence.WatchedJob;
import io.seedship.runtime.azure.importjobs.DriveProgress;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JobChangesTest {

  static final Function<String, EventMetadata> META = name -> EventMetadata.newBuilder().setEventId(name)
      .setSeedId("seed-1").setOccurredAt(Instant.EPOCH).setProducer("importmonitor-service").setCorrelationId("c")
      .setCausationId("created").build();

  final WatchedJob unseen = new WatchedJob("seed-1", "sub", "rg", "job-1", "/subscriptions/sub/resourceGroups/rg/x",
      null, "created", "c", null, null, false, 0, 0);
  final List<WatchedDrive> unseenDrives = List.of(new WatchedDrive("seed-1", "D1", null, null, null, null, null, null));

  static ImportJobStatus job(ImportJobState state, Integer percent, boolean cancel, DriveProgress... drives) {
    return new ImportJobStatus("/subscriptions/sub/resourceGroups/rg/x", "rg", "job-1", "westus", null, state, percent,
        List.of(drives), null, null, cancel, null);
  }

  @Test
  void theFirstLookReportsTheJobAndItsDrivesFromNothing() {
    var result = JobChanges.compare(unseen, unseenDrives,
        job(ImportJobState.CREATING, null, false, new DriveProgress("D1", DriveState.SPECIFIED, null, null, null, null)),
        2, META);

    assertThat(result.events()).hasSize(2);
    assertThat(result.events().get(0)).isInstanceOfSatisfying(ImportJobStateChanged.class, e -> {
      assertThat(e.getPreviousState()).isNull();
      assertThat(e.getState()).isEqualTo(ImportJobState.CREATING);
      assertThat(e.getMetadata().getEventId()).isEqualTo("job-state/CREATING");
    });
    assertThat(result.events().get(1)).isInstanceOfSatisfying(DriveStateChanged.class,
        e -> assertThat(e.getMetadata().getEventId()).isEqualTo("drive/D1/state/SPECIFIED"));
    assertThat(result.job().jobState()).isEqualTo(ImportJobState.CREATING);
    assertThat(result.outcome()).isNull();
  }

  @Test
  void nothingChangedSaysNothingAndProgressAloneIsOneProgressEvent() {
    WatchedJob seen = unseen.withObservation(ImportJobState.TRANSFERRING, 10, false, 4);
    List<WatchedDrive> drives = List.of(new WatchedDrive("seed-1", "D1", DriveState.TRANSFERRING, "InProgress", 10,
        100L, null, null));
    var same = JobChanges.compare(seen, drives, job(ImportJobState.TRANSFERRING, 10, false,
        new DriveProgress("D1", DriveState.TRANSFERRING, 10, 100L, null, null, "InProgress")), 2, META);
    assertThat(same.events()).isEmpty();
    assertThat(same.changed()).isFalse();
    assertThat(same.job().observations()).isEqualTo(4);

    var moved = JobChanges.compare(seen, drives, job(ImportJobState.TRANSFERRING, 50, false,
        new DriveProgress("D1", DriveState.TRANSFERRING, 50, 500L, null, null, "InProgress")), 2, META);
    assertThat(moved.events()).singleElement().isInstanceOfSatisfying(ImportJobProgress.class, p -> {
      assertThat(p.getMetadata().getEventId()).isEqualTo("progress/5");
      assertThat(p.getChanges()).containsExactly("percentComplete", "drive D1 percentComplete",
          "drive D1 bytesSucceeded");
    });
    assertThat(moved.job().observations()).isEqualTo(5);
  }

  @Test
  void aCompletedJobIsFinishedWithItsLogsAndADoneDriveGetsItsCopyLogRead() {
    WatchedJob seen = unseen.withObservation(ImportJobState.PACKAGING, 100, false, 7);
    List<WatchedDrive> drives = List.of(new WatchedDrive("seed-1", "D1", DriveState.TRANSFERRING, "InProgress", 90,
        900L, null, null));
    var done = JobChanges.compare(seen, drives, job(ImportJobState.COMPLETED, 100, false,
        new DriveProgress("D1", DriveState.COMPLETED_MORE_INFO, 100, 1000L, "https://a/e.xml", "https://a/v.xml",
            "CompletedWithErrors")), 2, META);

    assertThat(done.outcome()).isEqualTo(ImportJobOutcome.COMPLETED_MORE_INFO);
    // the drive ended before the job moved on: its change comes first
    assertThat(done.events()).extracting(e -> e.getClass().getSimpleName()).containsSubsequence(
        "DriveStateChanged", "ImportJobStateChanged", "ImportJobFinished");
    assertThat(done.events().getLast()).isInstanceOfSatisfying(ImportJobFinished.class, f -> {
      assertThat(f.getMetadata().getEventId()).isEqualTo("finished");
      assertThat(f.getDrives()).singleElement().satisfies(d -> assertThat(d.getErrorLogUri()).isEqualTo("https://a/e.xml"));
      assertThat(f.getDetail()).contains("D1 COMPLETED_MORE_INFO", "deletes the job 90 days after it ended");
    });
    assertThat(done.copyLogs()).singleElement().satisfies(c -> {
      assertThat(c.getMetadata().getEventId()).isEqualTo("copy-log/D1");
      assertThat(c.getErrorLogUri()).isEqualTo("https://a/e.xml");
    });
  }

  @Test
  void aCancelledJobEndsCancelledAndAMissingJobIsDeletedOnlyAfterTheSecondMiss() {
    WatchedJob seen = unseen.withObservation(ImportJobState.SHIPPING, null, true, 2);
    assertThat(JobChanges.compare(seen, unseenDrives, job(ImportJobState.COMPLETED, null, true), 2, META).outcome())
        .isEqualTo(ImportJobOutcome.CANCELLED);

    var once = JobChanges.compare(seen, unseenDrives, null, 2, META);
    assertThat(once.events()).isEmpty();
    assertThat(once.job().missingPolls()).isEqualTo(1);
    var twice = JobChanges.compare(once.job(), unseenDrives, null, 2, META);
    assertThat(twice.outcome()).isEqualTo(ImportJobOutcome.DELETED);
    assertThat(twice.events()).singleElement().isInstanceOfSatisfying(ImportJobFinished.class,
        f -> assertThat(f.getFinalState()).isEqualTo(ImportJobState.SHIPPING));
  }
}
