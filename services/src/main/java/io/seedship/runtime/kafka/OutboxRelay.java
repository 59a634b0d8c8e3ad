package io.seedship.runtime.kafka;

import io.seedship.runtime.outbox.Outbox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays the outbox to Kafka: the oldest waiting events, in order, each batch in one Kafka transaction, then marked
 * relayed in the database transaction that held them. A crash between the two publishes the batch again; the events
 * keep their ids, so consumers skip the duplicates.
 */
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  static final int BATCH = 200;

  private final Outbox outbox;
  private final SeedEventPublisher publisher;
  private final TransactionTemplate tx;
  private final Duration interval;
  private ScheduledExecutorService relay;
  private volatile boolean started;

  public OutboxRelay(Outbox outbox, SeedEventPublisher publisher, TransactionTemplate tx, Duration interval) {
    this.outbox = outbox;
    this.publisher = publisher;
    this.tx = tx;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    relay = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "outbox-relay");
      t.setDaemon(true);
      return t;
    });
    started = true;
    outbox.onCommit(this::wake);
    relay.scheduleWithFixedDelay(this::relayQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Relays at once (events were just committed), besides the regular pass. */
  public void wake() {
    ScheduledExecutorService r = relay;
    if (started && r != null) {
      try {
        r.execute(this::relayQuietly);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // the next start relays what waits
      }
    }
  }

  @Override
  public synchronized void stop() {
    started = false;
    if (relay != null) {
      relay.shutdown();
      try {
        relay.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  /** Stops after the work runner (default phase) has given its units back, so their last events still leave. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }

  private void relayQuietly() {
    try {
      while (relayBatch() == BATCH) {
        // a full batch: more may wait
      }
    } catch (RuntimeException e) {
      log.warn("relaying the outbox failed; trying again in {}: {}", interval, e.toString());
    }
  }

  /** Relays one batch; returns how many events it held. */
  int relayBatch() {
    if (!outbox.anyPending()) {
      return 0;
    }
    Integer relayed = tx.execute(status -> {
      List<Outbox.Pending> pending = outbox.lockPending(BATCH);
      if (!pending.isEmpty()) {
        publisher.publishEncoded(pending.stream()
            .map(p -> new SeedEventPublisher.Encoded(p.topic(), p.payload())).toList());
        outbox.markRelayed(pending);
      }
      return pending.size();
    });
    return relayed == null ? 0 : relayed;
  }
}
