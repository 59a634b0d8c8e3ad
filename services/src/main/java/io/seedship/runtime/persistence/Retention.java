package io.seedship.runtime.persistence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Prunes the runtime's bookkeeping older than {@code seedship.retention.age}: processed-event ids, emitted events,
 * relayed outbox events and ended work. Nothing pending is ever pruned: unrelayed events and unfinished work stay.
 */
public class Retention implements org.springframework.context.SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Retention.class);

  private final JdbcTemplate jdbc;
  private final Duration age;
  private final Clock clock;
  private final Duration interval;
  private java.util.concurrent.ScheduledExecutorService pruner;

  public Retention(JdbcTemplate jdbc, Duration age, Duration interval, Clock clock) {
    this.jdbc = jdbc;
    this.age = age;
    this.interval = interval;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    pruner = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "retention");
      t.setDaemon(true);
      return t;
    });
    pruner.scheduleWithFixedDelay(() -> {
      try {
        prune();
      } catch (RuntimeException e) {
        log.warn("pruning old records failed: {}", e.toString());
      }
    }, interval.toMillis(), interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (pruner != null) {
      pruner.shutdownNow();
      pruner = null;
    }
  }

  @Override
  public boolean isRunning() {
    return pruner != null;
  }

  /** Deletes what is older than the retention age; returns the rows deleted per table. */
  public Map<String, Integer> prune() {
    Timestamp before = Timestamp.from(clock.instant().minus(age));
    Map<String, Integer> deleted = new LinkedHashMap<>();
    deleted.put("processed_event", jdbc.update("delete from processed_event where processed_at < ?", before));
    deleted.put("emitted_event", jdbc.update("delete from emitted_event where emitted_at < ?", before));
    deleted.put("outbox_event", jdbc.update("delete from outbox_event where relayed_at < ?", before));
    deleted.put("stage_work", jdbc.update("delete from stage_work where state in ('DONE', 'FAILED') "
        + "and updated_at < ?", before));
    if (deleted.values().stream().anyMatch(n -> n > 0)) {
      log.info("pruned records older than {}: {}", age, deleted);
    }
    return deleted;
  }
}
