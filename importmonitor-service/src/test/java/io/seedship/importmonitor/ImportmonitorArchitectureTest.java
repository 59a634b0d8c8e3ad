package io.seedship.importmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.seedship.runtime.test.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seedship's layering ({@link ArchitectureRules}) over the production classes this module sees, importmonitor-service's
 * among them: no package cycle, no other stage, no Kafka, outbox or processed-event tables (events go out through the
 * runtime's gateway), and no Azure call from the ImportJobCreated handler (the poller and the copy-log work call it).
 * e2e-tests' ArchitectureTest checks the same over every module.
 */
class ImportmonitorArchitectureTest {

  private static JavaClasses seedship;

  @BeforeAll
  static void importProductionClasses() {
    seedship = ArchitectureRules.productionClasses();
    assertThat(seedship.containPackage("io.seedship.importmonitor.watch")).isTrue();
  }

  @Test
  void noPackageCycles() {
    ArchitectureRules.NO_PACKAGE_CYCLES.check(seedship);
  }

  @Test
  void noStageDependsOnAnotherOrOnLocalAzure() {
    ArchitectureRules.NO_STAGE_DEPENDS_ON_ANOTHER.check(seedship);
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
