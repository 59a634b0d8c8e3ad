package io.seedship.cert.messaging;

import io.seedship.cert.work.PrepareServerWork;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An accepted seed needs its backup server prepared. Preparing calls Microsoft Graph and Entra, which may throttle
 * for minutes, so it runs as durable work ({@link PrepareServerWork}); this handling only records that it is due.
 */
public class PrepareServerOnSeedAccepted implements SeedHandler<SeedAccepted> {

  private static final Logger log = LoggerFactory.getLogger(PrepareServerOnSeedAccepted.class);

  @Override
  public Class<SeedAccepted> type() {
    return SeedAccepted.class;
  }

  @Override
  public void handle(SeedAccepted accepted, SeedContext context) {
    context.schedule(PrepareServerWork.KIND);
    log.info("seed {} accepted: its backup server {} is to be prepared", context.seedId(),
        accepted.getRequest().getBackupServer());
  }
}
