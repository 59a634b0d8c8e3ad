package io.seedship.importmonitor.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.importmonitor.persistence.WatchStore;
import io.seedship.importmonitor.persistence.WatchedGroup;
import io.seedship.runtime.test.RecordingSeedContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.flywaydb.core.Flyway;

/** Given ImportJobCreated, the job and its resource group are remembered once, and nothing is said or called. */
class WatchJobOnImportJobCreatedTest {

  final Instant now = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void theJobIsWatchedOnceItsGroupIsDueAndNothingIsEmitted() {
    DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:" + java.util.UUID.randomUUID()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(ds).locations("classpath:db/importmonitor-service").load().migrate();
    WatchStore store = new WatchStore(new JdbcTemplate(ds));
    var handler = new WatchJobOnImportJobCreated(store, Clock.fixed(now, ZoneOffset.UTC));
    ImportJobCreated created = created("seed-1", "/subscriptions/SUB-1/resourceGroups/Backup-RG/providers/"
        + "Microsoft.ImportExport/jobs/job-1");
    RecordingSeedContext context = RecordingSeedContext.handling(created);

    handler.handle(created, context);
    handler.handle(created, context);

    assertThat(context.emitted()).isEmpty();
    assertThat(store.job("seed-1")).hasValueSatisfying(job -> {
      assertThat(job.subscriptionId()).isEqualTo("sub-1");
      assertThat(job.resourceGroup()).isEqualTo("backup-rg");
      assertThat(job.jobState()).isNull();
      assertThat(job.causeEventId()).isEqualTo("created-1");
    });
    assertThat(store.drives("seed-1")).extracting(d -> d.driveId()).containsExactly("D1", "D2");
    assertThat(store.claimDue("me", now, now.plusSeconds(60), 10))
        .containsExactly(new WatchedGroup("sub-1", "backup-rg"));
    assertThat(store.claimDue("other", now, now.plusSeconds(60), 10)).as("claimed once").isEmpty();
  }

  @Test
  void anIdThatIsNotAnArmIdIsNotWatched() {
    DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:" + java.util.UUID.randomUUID()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(ds).locations("classpath:db/importmonitor-service").load().migrate();
    WatchStore store = new WatchStore(new JdbcTemplate(ds));
    ImportJobCreated created = created("seed-2", "job-2");
    new WatchJobOnImportJobCreated(store, Clock.fixed(now, ZoneOffset.UTC))
        .handle(created, RecordingSeedContext.handling(created));
    assertThat(store.isWatched("seed-2")).isFalse();
  }

  static ImportJobCreated created(String seed, String id) {
    return ImportJobCreated.newBuilder().setMetadata(EventMetadata.newBuilder().setEventId("created-1")
            .setSeedId(seed).setOccurredAt(Instant.EPOCH).setProducer("diskprep-service").setCorrelationId("corr")
            .setCausationId(null).build())
        .setImportJobName("job-1").setImportJobId(id).setLocation("westus")
        .setStorageAccountId("/subscriptions/SUB-1/resourceGroups/backup-rg/providers/Microsoft.Storage/"
            + "storageAccounts/acct")
        .setDriveIds(List.of("D1", "D2"))
        .setShippingAddress(PostalAddress.newBuilder().setRecipientName("DC").setStreetAddress1("1 Way")
            .setCity("Tempe").setPostalCode("85281").setCountryOrRegion("US").build())
        .setSupportedCarriers(List.of("FedEx")).build();
  }
}
