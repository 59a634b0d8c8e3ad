package io.seedship.importmonitor.persistence;

import io.seedship.contracts.common.DriveState;
import io.seedship.contracts.common.ImportJobState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * importmonitor-service's tables. Plain SQL: the poll's claim is a conditional UPDATE, which a repository would hide.
 * Every write runs inside the caller's transaction (a handler's, or the poller's one transaction per group).
 */
public class WatchStore {

  private static final String JOB_COLUMNS = "seed_id, subscription_id, resource_group, import_job_name, import_job_id,"
      + " storage_account_id, cause_event_id, correlation_id, job_state, percent_complete, cancel_requested,"
      + " observations, missing_polls";

  private final JdbcTemplate jdbc;

  public WatchStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  public boolean isWatched(String seedId) {
    return !jdbc.queryForList("select seed_id from watched_job where seed_id = ?", String.class, seedId).isEmpty();
  }

  /** Starts watching the job (unless the seed's job is watched already) and makes its group due at {@code now}. */
  public boolean watch(WatchedJob job, List<String> driveIds, Instant now) {
    if (isWatched(job.seedId())) {
      return false;
    }
    Timestamp at = Timestamp.from(now);
    jdbc.update("insert into watched_job (" + JOB_COLUMNS + ", created_at) values (?, ?, ?, ?, ?, ?, ?, ?, null, null,"
            + " false, 0, 0, ?)", job.seedId(), key(job.subscriptionId()), key(job.resourceGroup()),
        job.importJobName(), job.importJobId(), job.storageAccountId(), job.causeEventId(), job.correlationId(), at);
    for (String drive : driveIds) {
      jdbc.update("insert into watched_drive (seed_id, drive_id) values (?, ?)", job.seedId(), drive);
    }
    jdbc.update("insert into watched_group (subscription_id, resource_group, next_poll_at) values (?, ?, ?)"
        + " on conflict do nothing", key(job.subscriptionId()), key(job.resourceGroup()), at);
    // a new job is looked at soon, unless Azure asked this group to wait
    jdbc.update("update watched_group set next_poll_at = ? where subscription_id = ? and resource_group = ?"
            + " and next_poll_at > ? and (throttled_until is null or throttled_until <= ?)", at,
        key(job.subscriptionId()), key(job.resourceGroup()), at, at);
    return true;
  }

  /**
   * Claims up to {@code max} groups that are due, for {@code owner} until {@code until}: each claim is a conditional
   * UPDATE, so of two instances only one gets a group.
   */
  public List<WatchedGroup> claimDue(String owner, Instant now, Instant until, int max) {
    Timestamp at = Timestamp.from(now);
    List<WatchedGroup> due = jdbc.query("select subscription_id, resource_group from watched_group where next_poll_at"
            + " <= ? and (claimed_until is null or claimed_until < ?) order by next_poll_at limit ?",
        (rs, i) -> new WatchedGroup(rs.getString(1), rs.getString(2)), at, at, max);
    List<WatchedGroup> claimed = new ArrayList<>();
    for (WatchedGroup group : due) {
      int rows = jdbc.update("update watched_group set claimed_by = ?, claimed_until = ? where subscription_id = ?"
              + " and resource_group = ? and next_poll_at <= ? and (claimed_until is null or claimed_until < ?)",
          owner, Timestamp.from(until), group.subscriptionId(), group.resourceGroup(), at, at);
      if (rows == 1) {
        claimed.add(group);
      }
    }
    return claimed;
  }

  /** Inside the poll's transaction: true while {@code owner} still holds the group (the row is locked until commit). */
  public boolean stillClaimed(WatchedGroup group, String owner, Instant now) {
    return jdbc.update("update watched_group set claimed_until = claimed_until where subscription_id = ? and"
            + " resource_group = ? and claimed_by = ? and claimed_until >= ?", group.subscriptionId(),
        group.resourceGroup(), owner, Timestamp.from(now)) == 1;
  }

  /** Ends a poll: the group is due again at {@code next}; dropped when it has no job left to watch. */
  public void release(WatchedGroup group, String owner, Instant now, Instant next, Instant throttledUntil) {
    if (unfinished(group).isEmpty()) {
      jdbc.update("delete from watched_group where subscription_id = ? and resource_group = ? and claimed_by = ?",
          group.subscriptionId(), group.resourceGroup(), owner);
      return;
    }
    jdbc.update("update watched_group set next_poll_at = ?, throttled_until = ?, claimed_by = null,"
            + " claimed_until = null, last_polled_at = ?, polls = polls + 1 where subscription_id = ? and"
            + " resource_group = ? and claimed_by = ?", Timestamp.from(next),
        throttledUntil == null ? null : Timestamp.from(throttledUntil), Timestamp.from(now), group.subscriptionId(),
        group.resourceGroup(), owner);
  }

  public int groupsOf(String subscriptionId) {
    return jdbc.queryForObject("select count(*) from watched_group where subscription_id = ?", Integer.class,
        key(subscriptionId));
  }

  /** The group's jobs still watched (not finished). */
  public List<WatchedJob> unfinished(WatchedGroup group) {
    return jdbc.query("select " + JOB_COLUMNS + " from watched_job where subscription_id = ? and resource_group = ?"
        + " and finished_at is null", WatchStore::job, group.subscriptionId(), group.resourceGroup());
  }

  public Optional<WatchedJob> job(String seedId) {
    return jdbc.query("select " + JOB_COLUMNS + " from watched_job where seed_id = ?", WatchStore::job, seedId)
        .stream().findFirst();
  }

  /** The drives of the group's unfinished jobs, by seed: one query per poll rather than one per job. */
  public java.util.Map<String, List<WatchedDrive>> drivesOf(WatchedGroup group) {
    java.util.Map<String, List<WatchedDrive>> bySeed = new java.util.HashMap<>();
    jdbc.query("select d.seed_id, d.drive_id, d.state, d.copy_status, d.percent_complete, d.bytes_succeeded,"
        + " d.error_log_uri, d.verbose_log_uri from watched_drive d join watched_job j on j.seed_id = d.seed_id"
        + " where j.subscription_id = ? and j.resource_group = ? and j.finished_at is null order by d.drive_id",
        (java.sql.ResultSet rs) -> {
          bySeed.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(drive(rs));
        }, group.subscriptionId(), group.resourceGroup());
    return bySeed;
  }

  private static WatchedDrive drive(ResultSet rs) throws SQLException {
    return new WatchedDrive(rs.getString(1), rs.getString(2),
        rs.getString(3) == null ? null : DriveState.valueOf(rs.getString(3)), rs.getString(4),
        rs.getObject(5, Integer.class), rs.getObject(6, Long.class), rs.getString(7), rs.getString(8));
  }

  public List<WatchedDrive> drives(String seedId) {
    return jdbc.query("select seed_id, drive_id, state, copy_status, percent_complete, bytes_succeeded, error_log_uri,"
        + " verbose_log_uri from watched_drive where seed_id = ? order by drive_id", (rs, i) -> drive(rs), seedId);
  }

  public void updateJob(WatchedJob job, Instant now, boolean changed) {
    jdbc.update("update watched_job set job_state = ?, percent_complete = ?, cancel_requested = ?, observations = ?,"
            + " missing_polls = ?, first_seen_at = coalesce(first_seen_at, ?), last_change_at = case when ? then ?"
            + " else last_change_at end where seed_id = ?", job.jobState() == null ? null : job.jobState().name(),
        job.percentComplete(), job.cancelRequested(), job.observations(), job.missingPolls(),
        job.jobState() == null ? null : Timestamp.from(now), changed, Timestamp.from(now), job.seedId());
  }

  /** Stores the drive as seen now (a drive Azure lists that ImportJobCreated did not name is added). */
  public void updateDrive(WatchedDrive drive) {
    int rows = jdbc.update("update watched_drive set state = ?, copy_status = ?, percent_complete = ?,"
            + " bytes_succeeded = ?, error_log_uri = ?, verbose_log_uri = ? where seed_id = ? and drive_id = ?",
        drive.state() == null ? null : drive.state().name(), drive.copyStatus(), drive.percentComplete(),
        drive.bytesSucceeded(), drive.errorLogUri(), drive.verboseLogUri(), drive.seedId(), drive.driveId());
    if (rows == 0) {
      jdbc.update("insert into watched_drive (seed_id, drive_id, state, copy_status, percent_complete,"
              + " bytes_succeeded, error_log_uri, verbose_log_uri) values (?, ?, ?, ?, ?, ?, ?, ?)", drive.seedId(),
          drive.driveId(), drive.state() == null ? null : drive.state().name(), drive.copyStatus(),
          drive.percentComplete(), drive.bytesSucceeded(), drive.errorLogUri(), drive.verboseLogUri());
    }
  }

  public void finish(String seedId, String outcome, Instant now) {
    jdbc.update("update watched_job set finished_at = ?, outcome = ? where seed_id = ?", Timestamp.from(now), outcome,
        seedId);
  }

  private static WatchedJob job(ResultSet rs, int row) throws SQLException {
    String state = rs.getString("job_state");
    return new WatchedJob(rs.getString("seed_id"), rs.getString("subscription_id"), rs.getString("resource_group"),
        rs.getString("import_job_name"), rs.getString("import_job_id"), rs.getString("storage_account_id"),
        rs.getString("cause_event_id"), rs.getString("correlation_id"),
        state == null ? null : ImportJobState.valueOf(state), rs.getObject("percent_complete", Integer.class),
        rs.getBoolean("cancel_requested"), rs.getLong("observations"), rs.getInt("missing_polls"));
  }
}
