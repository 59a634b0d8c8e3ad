package io.seedship.runtime.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ArchitectureRules} against a fixture that breaks it (io.seedship.archfixture): it can fail. */
class ArchitectureRulesTest {

  private static final String FIXTURES = "io.seedship.archfixture";

  private final JavaClasses fixtures = new ClassFileImporter().importPackages(FIXTURES);

  @Test
  void theCycleRuleReportsTwoPackagesThatUseEachOther() {
    EvaluationResult result = ArchitectureRules.noPackageCycles(FIXTURES + ".cyclic").evaluate(fixtures);

    assertThat(result.hasViolation()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains("cyclic.a.A").contains("cyclic.b.B");
  }

  @Test
  void theCycleRuleAcceptsPackagesThatUseEachOtherOneWay() {
    assertThat(ArchitectureRules.noPackageCycles(FIXTURES + ".stages").evaluate(fixtures).hasViolation()).isFalse();
  }

  @Test
  void theStageRuleReportsAStageUsingAnother() {
    EvaluationResult result = ArchitectureRules.noStageDependsOnAnother(FIXTURES + ".stages").evaluate(fixtures);

    assertThat(result.hasViolation()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains("stages.cert.CertStep").contains("stages.staging.StagingStep");
  }

  @Test
  void theHandlerRuleReportsAHandlerCallingAzure() {
    EvaluationResult result = ArchitectureRules.NO_HANDLER_CALLS_AZURE.evaluate(fixtures);

    assertThat(result.hasViolation()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains("ImportJobHandler").contains("AzureClients").contains("ImportExportClient");
  }
}
