package io.seedship.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.seedship.runtime.test.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seedship's layering over the production classes of every module (this module depends on all of them); the rules
 * and why each holds are in {@link ArchitectureRules}, and ArchitectureRulesTest shows each can fail.
 */
class ArchitectureTest {

  private static JavaClasses seedship;

  @BeforeAll
  static void importProductionClasses() {
    seedship = ArchitectureRules.productionClasses();
    // an import that found nothing would pass every rule: make sure every module was there
    for (String module : new String[] {"io.seedship.contracts", "io.seedship.runtime", "io.seedship.driveformat",
        "io.seedship.localazure", "io.seedship.e2e", "io.seedship.cert", "io.seedship.staging",
        "io.seedship.diskprep", "io.seedship.shipping", "io.seedship.importmonitor", "io.seedship.vault"}) {
      assertThat(seedship.containPackage(module)).as(module).isTrue();
    }
    assertThat(seedship.stream().map(c -> c.getPackageName()))
        .as("test classes and fixtures left out").noneMatch(p -> p.startsWith("io.seedship.archfixture")
            || p.equals("io.seedship.runtime.test"));
  }

  @Test
  void noPackageCycles() {
    ArchitectureRules.NO_PACKAGE_CYCLES.check(seedship);
  }

  @Test
  void noStageDependsOnAnother() {
    ArchitectureRules.NO_STAGE_DEPENDS_ON_ANOTHER.check(seedship);
  }

  @Test
  void noStageDependsOnLocalAzureOrTheLauncher() {
    ArchitectureRules.NO_STAGE_DEPENDS_ON_LOCAL_AZURE_OR_E2E.check(seedship);
  }

  @Test
  void noStageTouchesKafkaTheOutboxOrTheProcessedEvents() {
    ArchitectureRules.NO_STAGE_TOUCHES_KAFKA_OUTBOX_OR_PROCESSED_EVENTS.check(seedship);
  }

  @Test
  void noHandlerCallsAzure() {
    ArchitectureRules.NO_HANDLER_CALLS_AZURE.check(seedship);
  }
}
