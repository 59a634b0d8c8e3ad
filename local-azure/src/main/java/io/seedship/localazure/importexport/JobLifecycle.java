package io.seedship.localazure.importexport;

import io.seedship.localazure.LocalAzureProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Time passing for jobs, on the virtual clock. Azure deletes a job nobody shipped two weeks after it was created or last updated;
 * everything after shipping belongs to the {@link Datacenter}. Runs on a timer and again before every request, so
 * an answer never shows a job that should already be gone, whatever the scheduler's timing.
 */
@Component
public class JobLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobLifecycle.class);

  private final JobStore store;
  private final Datacenter datacenter;
  private final Clock clock;
  private final Duration creatingLifetime;

  public JobLifecycle(JobStore store, Datacenter datacenter, Clock clock, LocalAzureProperties properties) {
    this.store = store;
    this.datacenter = datacenter;
    this.clock = clock;
    this.creatingLifetime = properties.getImportExport().getCreatingJobLifetime();
  }

  @Scheduled(fixedDelay = 250)
  public void sweep() {
    synchronized (store) {
      Instant now = clock.instant();
      for (Job job : store.all()) {
        if (job.inState(Job.CREATING) && !now.isBefore(job.lastModifiedAt().plus(creatingLifetime))) {
          store.remove(job);
          log.info("Import/Export job {} deleted: still Creating {} after its last update", job, creatingLifetime);
        }
      }
      datacenter.advance(now, store);
    }
  }
}
