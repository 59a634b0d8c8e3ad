package io.seedship.runtime.cancel;

import io.seedship.contracts.command.CancelSeed;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code seed_cancellation} table of a service. A CancelSeed is recorded by each service that consumes commands,
 * in the transaction of its handling; a service that gets a seed handed over later asks here first, so a cancel that
 * overtook the hand-over (commands and events travel on different topics) still stops the seed.
 */
public class SeedCancellations {

  static final int MAX_REASON = 1000;
  static final int MAX_REQUESTED_BY = 200;

  private final JdbcTemplate jdbc;

  public SeedCancellations(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the cancel; the first one of a seed is kept. */
  public Cancellation record(CancelSeed cancel) {
    var meta = cancel.getMetadata();
    jdbc.update("insert into seed_cancellation (seed_id, event_id, reason, requested_by, requested_at) "
        + "values (?, ?, ?, ?, ?) on conflict do nothing", meta.getSeedId(), meta.getEventId(),
        cut(cancel.getReason(), MAX_REASON), cut(cancel.getRequestedBy(), MAX_REQUESTED_BY),
        Timestamp.from(meta.getOccurredAt()));
    return find(meta.getSeedId()).orElseThrow();
  }

  public Optional<Cancellation> find(String seedId) {
    return jdbc.query("select * from seed_cancellation where seed_id = ?", (rs, row) -> new Cancellation(
        rs.getString("seed_id"), rs.getString("event_id"), rs.getString("reason"), rs.getString("requested_by"),
        rs.getTimestamp("requested_at").toInstant()), seedId).stream().findFirst();
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
