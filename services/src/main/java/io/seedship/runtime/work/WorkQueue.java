package io.seedship.runtime.work;

import io.seedship.contracts.Records;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.common.EventMetadata;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code stage_work} table: every change of a unit's state is one conditional update, so claims, renewals and
 * endings of several instances never overwrite each other. Only the lease holder can end a unit.
 */
public class WorkQueue {

  private static final int MAX_TEXT = 4000;

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final SeedshipCodec codec;
  private final Clock clock;
  private volatile Runnable onCommit = () -> { };

  public WorkQueue(JdbcTemplate jdbc, SeedshipCodec codec, Clock clock) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.codec = codec;
    this.clock = clock;
  }

  /** The id of the {@code kind} work scheduled for the record with event id {@code causeEventId}. */
  public static String workId(String causeEventId, String kind) {
    return UUID.nameUUIDFromBytes((causeEventId + "/work/" + kind).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Records the work inside the caller's transaction; scheduling it again for the same record changes nothing. */
  public String enqueue(String kind, SpecificRecord input) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("work is scheduled inside the transaction of the handling that intends it");
    }
    EventMetadata cause = Records.metadata(input);
    String id = workId(cause.getEventId(), kind);
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("insert into stage_work (work_id, kind, seed_id, cause_event_id, correlation_id, input, state, "
        + "attempts, not_before, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?) "
        + "on conflict do nothing", id, kind, cause.getSeedId(), cause.getEventId(), cause.getCorrelationId(),
        codec.encode(input), now, now, now);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        onCommit.run();
      }
    });
    return id;
  }

  /** Who is told that new work was committed (the runner). */
  public void onCommit(Runnable wake) {
    this.onCommit = wake;
  }

  public SpecificRecord decodeInput(WorkItem item) {
    return codec.decode(item.input());
  }

  /**
   * Units this instance may claim now: due pending ones, running ones whose lease ran out, and running ones it owns
   * itself from before a restart (the caller leaves out those it runs right now).
   */
  public List<String> due(Collection<String> kinds, String owner, int max) {
    if (kinds.isEmpty()) {
      return List.of();
    }
    Timestamp now = Timestamp.from(clock.instant());
    return named.queryForList("select work_id from stage_work where kind in (:kinds) and ("
        + "(state = 'PENDING' and not_before <= :now) or "
        + "(state = 'RUNNING' and (lease_until < :now or lease_owner = :owner))) order by not_before limit :max",
        Map.of("kinds", kinds, "now", now, "owner", owner, "max", max), String.class);
  }

  /** Claims a unit under a lease; empty when another instance was faster or it is no longer due. */
  public Optional<WorkItem> claim(String workId, String owner, Duration lease) {
    Instant now = clock.instant();
    int won = jdbc.update("update stage_work set state = 'RUNNING', lease_owner = ?, lease_until = ?, "
        + "attempts = attempts + 1, updated_at = ? where work_id = ? and ("
        + "(state = 'PENDING' and not_before <= ?) or (state = 'RUNNING' and (lease_until < ? or lease_owner = ?)))",
        owner, Timestamp.from(now.plus(lease)), Timestamp.from(now), workId, Timestamp.from(now),
        Timestamp.from(now), owner);
    return won == 1 ? find(workId) : Optional.empty();
  }

  /** Extends the lease; false when this instance no longer holds it. */
  public boolean renew(String workId, String owner, Duration lease) {
    Instant now = clock.instant();
    return jdbc.update("update stage_work set lease_until = ?, updated_at = ? where work_id = ? and lease_owner = ? "
        + "and state = 'RUNNING'", Timestamp.from(now.plus(lease)), Timestamp.from(now), workId, owner) == 1;
  }

  public boolean progress(String workId, String owner, String summary) {
    return jdbc.update("update stage_work set progress = ?, updated_at = ? where work_id = ? and lease_owner = ? "
        + "and state = 'RUNNING'", cut(summary, 1000), Timestamp.from(clock.instant()), workId, owner) == 1;
  }

  /** Ends the unit as done or failed; false when this instance no longer holds it. */
  public boolean end(String workId, String owner, String state, String error) {
    return jdbc.update("update stage_work set state = ?, lease_owner = null, lease_until = null, last_error = ?, "
        + "updated_at = ? where work_id = ? and lease_owner = ? and state = 'RUNNING'", state,
        error == null ? null : cut(error, MAX_TEXT), Timestamp.from(clock.instant()), workId, owner) == 1;
  }

  /**
   * Gives the unit back, to run again after {@code delay}. {@code counted} says whether the attempt just made counts
   * toward the limit: a failure does, a throttled wait or a shutdown does not.
   */
  public boolean later(String workId, String owner, Duration delay, String error, boolean counted) {
    Instant now = clock.instant();
    return jdbc.update("update stage_work set state = 'PENDING', lease_owner = null, lease_until = null, "
        + "not_before = ?, attempts = attempts - ?, last_error = ?, updated_at = ? where work_id = ? "
        + "and lease_owner = ? and state = 'RUNNING'", Timestamp.from(now.plus(delay)), counted ? 0 : 1,
        error == null ? null : cut(error, MAX_TEXT), Timestamp.from(now), workId, owner) == 1;
  }

  /**
   * Cancels every unit of the seed that has not ended, inside the caller's transaction: pending ones never run, and a
   * running one loses its lease, so its finish cannot commit and it stops at its next checkpoint. Returns how many.
   */
  public int cancelSeed(String seedId) {
    return jdbc.update("update stage_work set state = ?, lease_owner = null, lease_until = null, updated_at = ? "
        + "where seed_id = ? and state in (?, ?)", WorkItem.CANCELLED, Timestamp.from(clock.instant()), seedId,
        WorkItem.PENDING, WorkItem.RUNNING);
  }

  public Optional<WorkItem> find(String workId) {
    return jdbc.query("select * from stage_work where work_id = ?", WorkQueue::item, workId).stream().findFirst();
  }

  public List<WorkItem> ofSeed(String seedId) {
    return jdbc.query("select * from stage_work where seed_id = ? order by created_at", WorkQueue::item, seedId);
  }

  private static WorkItem item(ResultSet rs, int row) throws SQLException {
    return new WorkItem(rs.getString("work_id"), rs.getString("kind"), rs.getString("seed_id"),
        rs.getString("cause_event_id"), rs.getBytes("input"), rs.getString("state"), rs.getInt("attempts"),
        instant(rs.getTimestamp("not_before")), rs.getString("lease_owner"), instant(rs.getTimestamp("lease_until")),
        rs.getString("progress"), rs.getString("last_error"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
