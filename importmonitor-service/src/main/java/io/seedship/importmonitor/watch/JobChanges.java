package io.seedship.importmonitor.watch;

import io.seedship.contracts.common.DriveState;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.importjob.DriveObservation;
import io.seedship.contracts.importjob.DriveStateChanged;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.contracts.importjob.ImportJobProgress;
import io.seedship.contracts.importjob.ImportJobStateChanged;
import io.seedship.importmonitor.persistence.WatchedDrive;
import io.seedship.importmonitor.persistence.WatchedJob;
import io.seedship.runtime.azure.importjobs.DriveProgress;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * What changed between the last observation of a job and Azure's answer now, as events. Pure: the poller stores
 * {@link Result#job()} and {@link Result#drives()} and appends {@link Result#events()} in one transaction.
 *
 * <p>Event ids come from {@code meta(name)}, derived from the job's ImportJobCreated and a name that says what changed
 * to what ({@code job-state/TRANSFERRING}, {@code drive/WD-1/state/COMPLETED}, {@code progress/7}, {@code finished}):
 * a poll that crashed before its commit sees the same change again and makes the same ids; one that committed moved
 * the observation on, so nothing is said twice.
 */
public final class JobChanges {

  // EnumSets: contains(null) is false (a state not seen yet), where Set.of would throw
  static final Set<ImportJobState> ENDED = EnumSet.of(ImportJobState.COMPLETED, ImportJobState.CLOSED);
  static final Set<DriveState> DRIVE_DONE = EnumSet.of(DriveState.COMPLETED, DriveState.COMPLETED_MORE_INFO);
  /** Job states reached because the drives ended their part: their changes are told first. */
  static final Set<ImportJobState> AFTER_DRIVES = EnumSet.of(ImportJobState.PACKAGING, ImportJobState.COMPLETED,
      ImportJobState.CLOSED);

  /**
   * @param copyLogs  drives whose copy log can be read now (done, with a log URI they did not have done before): the
   *                  input of the copy-log work, never published
   * @param outcome   how the job ended, or null while it runs
   * @param changed   whether anything at all changed (the group then polls at its fast pace)
   */
  public record Result(WatchedJob job, List<WatchedDrive> drives, List<SpecificRecord> events,
                       List<DriveStateChanged> copyLogs, ImportJobOutcome outcome, boolean changed) {
  }

  private JobChanges() {
  }

  /**
   * @param now  the job in Azure's list, or null when the list did not have it
   * @param meta an envelope for the event of that name
   */
  public static Result compare(WatchedJob before, List<WatchedDrive> drivesBefore, ImportJobStatus now,
                               int missingPollsToDelete, Function<String, EventMetadata> meta) {
    List<SpecificRecord> events = new ArrayList<>();
    if (now == null) {
      int missing = before.missingPolls() + 1;
      if (missing < missingPollsToDelete) {
        return new Result(before.withMissingPolls(missing), drivesBefore, List.of(), List.of(), null, false);
      }
      // gone from Azure (deleted, or its resource group was): the last word, with what was last seen
      events.add(ImportJobFinished.newBuilder().setMetadata(meta.apply("finished"))
          .setImportJobName(before.importJobName()).setImportJobId(before.importJobId())
          .setOutcome(ImportJobOutcome.DELETED).setFinalState(before.jobState())
          .setCancelRequested(before.cancelRequested()).setDrives(observations(drivesBefore))
          .setDetail("the import job is no longer in its resource group's list"
              + (before.jobState() == null ? "; it was never seen there" : "; last seen " + before.jobState()))
          .build());
      return new Result(before.withMissingPolls(missing), drivesBefore, events, List.of(), ImportJobOutcome.DELETED,
          true);
    }

    long seq = before.observations() + 1;
    List<String> progress = new ArrayList<>();
    ImportJobState state = now.state();
    ImportJobStateChanged jobState = null;
    if (state != before.jobState()) {
      jobState = ImportJobStateChanged.newBuilder().setMetadata(meta.apply("job-state/" + state))
          .setImportJobName(before.importJobName()).setPreviousState(before.jobState()).setState(state)
          .setPercentComplete(now.percentComplete()).setProvisioningState(null).build();
    } else if (!Objects.equals(now.percentComplete(), before.percentComplete())) {
      progress.add("percentComplete");
    }
    if (now.cancelRequested() != before.cancelRequested()) {
      progress.add("cancelRequested");
    }

    Map<String, WatchedDrive> previous = new LinkedHashMap<>();
    drivesBefore.forEach(d -> previous.put(d.driveId(), d));
    List<WatchedDrive> drives = new ArrayList<>();
    List<DriveStateChanged> copyLogs = new ArrayList<>();
    List<DriveStateChanged> driveEvents = new ArrayList<>();
    for (DriveProgress d : now.drives()) {
      WatchedDrive was = previous.getOrDefault(d.driveId(),
          new WatchedDrive(before.seedId(), d.driveId(), null, null, null, null, null, null));
      WatchedDrive is = new WatchedDrive(before.seedId(), d.driveId(), d.state(), d.copyStatus(), d.percentComplete(),
          d.bytesSucceeded(), d.errorLogUri(), d.verboseLogUri());
      drives.add(is);
      if (is.state() != was.state()) {
        driveEvents.add(driveEvent(meta.apply("drive/" + d.driveId() + "/state/" + is.state()), before, was, is));
      } else {
        for (String field : differences(was, is)) {
          progress.add("drive " + d.driveId() + " " + field);
        }
      }
      boolean readable = DRIVE_DONE.contains(is.state()) && (is.errorLogUri() != null || is.verboseLogUri() != null);
      boolean wasReadable = DRIVE_DONE.contains(was.state())
          && (was.errorLogUri() != null || was.verboseLogUri() != null);
      if (readable && !wasReadable) {
        copyLogs.add(driveEvent(meta.apply("copy-log/" + d.driveId()), before, was, is));
      }
    }
    // the story in order: a job starting a phase before its drives do, drives ending theirs before the job moves on
    if (jobState != null && AFTER_DRIVES.contains(state)) {
      events.addAll(driveEvents);
      events.add(jobState);
    } else {
      if (jobState != null) {
        events.add(jobState);
      }
      events.addAll(driveEvents);
    }
    // drives the list no longer names keep their last observation
    previous.values().stream().filter(d -> drives.stream().noneMatch(n -> n.driveId().equals(d.driveId())))
        .forEach(drives::add);

    if (!progress.isEmpty()) {
      events.add(ImportJobProgress.newBuilder().setMetadata(meta.apply("progress/" + seq))
          .setImportJobName(before.importJobName()).setState(state).setPercentComplete(now.percentComplete())
          .setDrives(observations(drives)).setChanges(progress).build());
    }
    ImportJobOutcome outcome = ENDED.contains(state) ? outcome(now) : null;
    if (outcome != null) {
      events.add(ImportJobFinished.newBuilder().setMetadata(meta.apply("finished"))
          .setImportJobName(before.importJobName()).setImportJobId(before.importJobId()).setOutcome(outcome)
          .setFinalState(state).setCancelRequested(now.cancelRequested()).setDrives(observations(drives))
          .setDetail(detail(outcome, drives)).build());
    }
    boolean changed = !events.isEmpty();
    WatchedJob job = before.withObservation(state, now.percentComplete(), now.cancelRequested(),
        changed ? seq : before.observations());
    return new Result(job, drives, events, copyLogs, outcome, changed);
  }

  /** Completed, Closed, cancelled; a Completed job with a drive CompletedMoreInfo is named for the drive. */
  static ImportJobOutcome outcome(ImportJobStatus job) {
    if (job.cancelRequested()) {
      return ImportJobOutcome.CANCELLED;
    }
    if (job.state() == ImportJobState.CLOSED) {
      return ImportJobOutcome.CLOSED;
    }
    return job.drives().stream().anyMatch(d -> d.state() == DriveState.COMPLETED_MORE_INFO)
        ? ImportJobOutcome.COMPLETED_MORE_INFO : ImportJobOutcome.COMPLETED;
  }

  private static String detail(ImportJobOutcome outcome, List<WatchedDrive> drives) {
    List<String> parts = new ArrayList<>();
    for (WatchedDrive d : drives) {
      parts.add(d.driveId() + " " + d.state() + (d.copyStatus() == null ? "" : " (" + d.copyStatus() + ")"));
    }
    String what = switch (outcome) {
      case COMPLETED -> "completed: every drive imported";
      case COMPLETED_MORE_INFO -> "completed, with a drive that needs attention (see its copy log)";
      case CLOSED -> "closed with errors";
      case CANCELLED -> "cancelled";
      case DELETED -> "deleted";
      case UNKNOWN -> "ended";
    };
    // the documented 90 days: the job and its drive list go, the copy logs in the storage account stay
    String kept = switch (outcome) {
      case COMPLETED, COMPLETED_MORE_INFO, CLOSED -> "; Azure deletes the job 90 days after it ended, keep what you"
          + " need of it by then (the copy logs stay in the storage account)";
      default -> "";
    };
    return what + (parts.isEmpty() ? "" : "; drives: " + String.join(", ", parts)) + kept;
  }

  private static List<String> differences(WatchedDrive was, WatchedDrive is) {
    List<String> fields = new ArrayList<>();
    if (!Objects.equals(was.percentComplete(), is.percentComplete())) {
      fields.add("percentComplete");
    }
    if (!Objects.equals(was.bytesSucceeded(), is.bytesSucceeded())) {
      fields.add("bytesSucceeded");
    }
    if (!Objects.equals(was.copyStatus(), is.copyStatus())) {
      fields.add("copyStatus");
    }
    if (!Objects.equals(was.errorLogUri(), is.errorLogUri())) {
      fields.add("errorLogUri");
    }
    if (!Objects.equals(was.verboseLogUri(), is.verboseLogUri())) {
      fields.add("verboseLogUri");
    }
    return fields;
  }

  private static DriveStateChanged driveEvent(EventMetadata metadata, WatchedJob job, WatchedDrive was,
                                              WatchedDrive is) {
    return DriveStateChanged.newBuilder().setMetadata(metadata).setImportJobName(job.importJobName())
        .setDriveId(is.driveId()).setPreviousState(was.state()).setState(is.state()).setCopyStatus(is.copyStatus())
        .setPercentComplete(is.percentComplete()).setBytesSucceeded(is.bytesSucceeded())
        .setErrorLogUri(is.errorLogUri()).setVerboseLogUri(is.verboseLogUri()).build();
  }

  static List<DriveObservation> observations(List<WatchedDrive> drives) {
    return drives.stream().filter(d -> d.state() != null).map(d -> DriveObservation.newBuilder()
        .setDriveId(d.driveId()).setState(d.state()).setCopyStatus(d.copyStatus())
        .setPercentComplete(d.percentComplete()).setBytesSucceeded(d.bytesSucceeded())
        .setErrorLogUri(d.errorLogUri()).setVerboseLogUri(d.verboseLogUri()).build()).toList();
  }
}
