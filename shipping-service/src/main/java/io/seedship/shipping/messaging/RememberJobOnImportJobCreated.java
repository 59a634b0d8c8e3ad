package io.seedship.shipping.messaging;

import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import io.seedship.shipping.persistence.ShippingJob;
import io.seedship.shipping.persistence.ShippingJobRepository;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A seed's import job exists: remember where it is, its drives and the carriers its datacenter takes. */
public class RememberJobOnImportJobCreated implements SeedHandler<ImportJobCreated> {

  private static final Logger log = LoggerFactory.getLogger(RememberJobOnImportJobCreated.class);
  /** An ARM resource id names its subscription and resource group, whichever API the job lives in. */
  private static final Pattern ARM_ID = Pattern.compile("(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)/.*");

  private final ShippingJobRepository jobs;

  public RememberJobOnImportJobCreated(ShippingJobRepository jobs) {
    this.jobs = jobs;
  }

  @Override
  public Class<ImportJobCreated> type() {
    return ImportJobCreated.class;
  }

  @Override
  public void handle(ImportJobCreated created, SeedContext context) {
    Matcher id = ARM_ID.matcher(created.getImportJobId());
    if (!id.matches()) {
      log.warn("seed {}: import job id {} is not an ARM resource id; ignored", context.seedId(),
          created.getImportJobId());
      return;
    }
    if (jobs.existsById(context.seedId())) {
      return;
    }
    jobs.save(new ShippingJob(context.seedId(), created.getImportJobName(), id.group(1), id.group(2),
        created.getLocation(), String.join("\n", created.getDriveIds()),
        String.join("\n", created.getSupportedCarriers()), created.getMetadata().getOccurredAt()));
  }
}
