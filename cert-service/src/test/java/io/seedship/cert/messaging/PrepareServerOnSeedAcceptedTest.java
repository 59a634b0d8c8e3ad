package io.seedship.cert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.cert.work.PrepareServerWork;
import io.seedship.contracts.Samples;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.test.RecordingSeedContext;
import org.junit.jupiter.api.Test;

/** cert-service's handler, given / when / then: it calls no Azure service, it schedules the preparation. */
class PrepareServerOnSeedAcceptedTest {

  @Test
  void anAcceptedSeedSchedulesItsServerPreparationAndSaysNothingYet() {
    SeedAccepted accepted = SeedAccepted.newBuilder().setMetadata(Samples.metadata("seed-1", "staging-service"))
        .setRequest(Samples.requestSeed("seed-1").getRequest()).setEstimatedStagedBytes(1).build();
    var context = RecordingSeedContext.handling(accepted);

    new PrepareServerOnSeedAccepted().handle(accepted, context);

    assertThat(context.scheduled()).containsExactly(PrepareServerWork.KIND);
    assertThat(context.emitted()).isEmpty();
  }
}
