package io.seedship.cert.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.seedship.cert.persistence.CertificateState;
import io.seedship.cert.persistence.OfflineCertificateRow;
import io.seedship.cert.preparation.PreparationRefused;
import io.seedship.cert.preparation.PreparedServer;
import io.seedship.cert.preparation.ServerPreparation;
import io.seedship.contracts.Samples;
import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.test.RecordingWorkContext;
import io.seedship.runtime.work.WorkFailure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The server preparation as work, given / when / then: what it emits, and how each failure leaves it. */
class PrepareServerWorkTest {

  final ServerPreparation preparation = mock(ServerPreparation.class);
  final SeedAccepted accepted = SeedAccepted.newBuilder().setMetadata(Samples.metadata("seed-1", "staging-service"))
      .setRequest(Samples.requestSeed("seed-1").getRequest()).setEstimatedStagedBytes(1).build();
  final PrepareServerWork work = new PrepareServerWork(preparation, new TransactionTemplate(
      new DataSourceTransactionManager(new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:prepare"))));

  @Test
  void aPreparedServerFinishesWithApplicationReadyAndNoKeyMaterial() {
    Instant notAfter = Instant.parse("2028-12-02T00:00:00Z");
    when(preparation.prepare(any())).thenReturn(new PreparedServer("tenant", "user", "AzureOfflineBackup_user",
        "app-id", "object-id", new OfflineCertificateRow("AB12", "key", "resource", "CN=CB_x", new byte[] {1},
        Instant.now(), notAfter, CertificateState.PROVEN, Instant.now(), Instant.now()), "mars01", List.of()));
    var context = RecordingWorkContext.running(PrepareServerWork.KIND, accepted);

    work.run(context);

    ApplicationReady ready = context.emitted(ApplicationReady.class).getFirst();
    assertThat(ready.getCertificateThumbprint()).isEqualTo("AB12");
    assertThat(ready.getCertificateNotAfter()).isEqualTo(notAfter);
    assertThat(ready.getMetadata().getCausationId()).isEqualTo(accepted.getMetadata().getEventId());
    assertThat(ready.getMetadata().getEventId()).isEqualTo(context.event("ready").getEventId());
  }

  @Test
  void aRefusalAnOperatorMustResolveFailsTheSeedNamingTheField() {
    when(preparation.prepare(any())).thenThrow(new PreparationRefused("tenantId", "this cert-service signs in to "
        + "tenant x, not y: send the seed to the Seedship of that tenant"));
    var context = RecordingWorkContext.running(PrepareServerWork.KIND, accepted);

    assertThatThrownBy(() -> work.run(context)).isInstanceOfSatisfying(WorkFailure.class, f -> {
      assertThat(f.getMessage()).startsWith("the backup server cannot be prepared for offline backup: this cert");
      assertThat(f.problems()).singleElement().satisfies(p -> assertThat(p.getField()).isEqualTo("tenantId"));
    });
    assertThat(context.finished()).isFalse();
  }

  @Test
  void azureThrottlingIsLeftToTheRuntimeToRequeue() {
    when(preparation.prepare(any())).thenThrow(new AzureException.Throttled("TooManyRequests", "busy", 120, null));
    var context = RecordingWorkContext.running(PrepareServerWork.KIND, accepted);

    assertThatThrownBy(() -> work.run(context)).isInstanceOf(AzureException.Throttled.class);
    assertThat(context.emitted()).isEmpty();
  }
}
