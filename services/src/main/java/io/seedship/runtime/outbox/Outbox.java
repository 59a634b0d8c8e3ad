package io.seedship.runtime.outbox;

import io.seedship.contracts.Records;
import io.seedship.contracts.Topics;
import io.seedship.contracts.codec.SeedshipCodec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Events waiting to be published, written in the same database transaction as the state change they report, and
 * relayed to Kafka by the runtime afterwards. What is in the outbox is published at least once; its ids are derived
 * from their cause, so a second publication after a crash is a duplicate that consumers skip.
 */
public class Outbox {

  private final JdbcTemplate jdbc;
  private final SeedshipCodec codec;
  private final Clock clock;
  private volatile Runnable onCommit = () -> { };

  public Outbox(JdbcTemplate jdbc, SeedshipCodec codec, Clock clock) {
    this.jdbc = jdbc;
    this.codec = codec;
    this.clock = clock;
  }

  /** Adds the records to the outbox; must run inside a transaction, whose commit wakes the relay. */
  public void append(List<? extends SpecificRecord> records) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("the outbox is written only inside the transaction of the state it reports");
    }
    Timestamp now = Timestamp.from(clock.instant());
    for (SpecificRecord record : records) {
      jdbc.update("insert into outbox_event (event_id, seed_id, topic, payload, created_at) values (?, ?, ?, ?, ?)",
          Records.eventId(record), Records.seedId(record), Topics.topicOf(record.getClass()).name(),
          codec.encode(record), now);
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        onCommit.run();
      }
    });
  }

  /** Who is told that new events are waiting (the relay). */
  public void onCommit(Runnable wake) {
    this.onCommit = wake;
  }

  /** One event waiting in the outbox, in the order it was written. */
  public record Pending(long seq, String topic, byte[] payload) {
  }

  /**
   * The oldest events not yet relayed, locked until the caller's transaction ends: relays of several instances take
   * turns on one lock row, so events leave in the order they were written.
   */
  public List<Pending> lockPending(int max) {
    jdbc.queryForObject("select id from outbox_relay_lock where id = 1 for update", Integer.class);
    return jdbc.query("select seq, topic, payload from outbox_event where relayed_at is null order by seq limit ?",
        (rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getBytes(3)), max);
  }

  public void markRelayed(List<Pending> relayed) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.batchUpdate("update outbox_event set relayed_at = ? where seq = ?",
        relayed.stream().map(p -> new Object[] {now, p.seq()}).toList());
  }

  /** Whether anything waits, without taking the relay's lock: the idle poll stays a cheap read. */
  public boolean anyPending() {
    return !jdbc.queryForList("select seq from outbox_event where relayed_at is null limit 1", Long.class).isEmpty();
  }
}
