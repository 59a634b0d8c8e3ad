package io.seedship.diskprep.offers;

import io.seedship.diskprep.inventory.DriveOffers;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.diskprep.persistence.PrepSeed;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.diskprep.persistence.PrepState;
import io.seedship.diskprep.staged.StagedData;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the drives again every few seconds; when what is offered changed (a drive plugged in or out, one mounted), every
 * seed waiting for its confirmation on this copy machine gets a new DriveInventoryReported (and MoreDrivesNeeded while
 * the drives are not enough), through the outbox.
 */
public class InventoryWatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InventoryWatcher.class);

  private final DriveOffers offers;
  private final PrepSeedRepository seeds;
  private final InventoryReports reports;
  private final CommandGateway outbox;
  private final EventMetadataFactory metadata;
  private final SeedshipCodec codec;
  private final Duration interval;
  private ScheduledExecutorService timer;

  public InventoryWatcher(DriveOffers offers, PrepSeedRepository seeds, InventoryReports reports, CommandGateway outbox,
                          EventMetadataFactory metadata, SeedshipCodec codec, Duration interval) {
    this.offers = offers;
    this.seeds = seeds;
    this.reports = reports;
    this.outbox = outbox;
    this.metadata = metadata;
    this.codec = codec;
    this.interval = interval;
  }

  /** One look at the drives; public so that tests need not wait for the timer. */
  public void poll() {
    try {
      if (!offers.refresh()) {
        return;
      }
      var offered = offers.current();
      for (PrepSeed seed : seeds.findByState(PrepState.STAGED)) {
        var cause = codec.decode(seed.accepted(), SeedAccepted.class).getMetadata();
        outbox.send(reports.inventory(metadata.fresh(cause), offered, seed.bytesNeeded()));
        reports.moreNeeded(() -> metadata.fresh(cause), offered, StagedData.sized(seed.stagedFiles()),
            seed.bytesNeeded()).ifPresent(outbox::send);
      }
    } catch (Exception e) {
      log.warn("reading the drives failed; trying again in {}: {}", interval, e.toString());
    }
  }

  @Override
  public synchronized void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "drive-inventory");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
