package io.seedship.runtime.testapp.stage;

import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.messaging.SeedHandler;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A stage made for the runtime's tests: it records each requested seed in its own table and emits SeedAccepted.
 * A request by "fail" fails when its database transaction commits, after the runtime has sent the emitted events in
 * the Kafka transaction: the hardest moment, which must roll back both.
 */
@SpringBootApplication
public class StageTestApplication {

  public static final String FAIL = "fail";
  /** Whether requests by "fail" fail: a test "fixes the cause" by setting it false, then redrives. */
  public static final java.util.concurrent.atomic.AtomicBoolean REFUSING = new java.util.concurrent.atomic.AtomicBoolean(
      true);

  @Bean
  SeedHandler<RequestSeed> acceptSeed(JdbcTemplate jdbc) {
    return SeedHandler.of(RequestSeed.class, (command, context) -> {
      jdbc.update("insert into seed_request (seed_id, import_job_name) values (?, ?)",
          context.seedId(), command.getRequest().getImportJobName());
      context.emit(SeedAccepted.newBuilder().setMetadata(context.next()).setRequest(command.getRequest())
          .setEstimatedStagedBytes(1024).build());
      if (FAIL.equals(command.getRequest().getRequestedBy()) && REFUSING.get()) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) {
            throw new IllegalStateException("test stage refuses requests by 'fail'");
          }
        });
      }
    });
  }
}
