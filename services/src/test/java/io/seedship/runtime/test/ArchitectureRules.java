package io.seedship.runtime.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.messaging.SeedHandler;
import java.util.Arrays;
import java.util.List;

/**
 * Seedship's layering, as ArchUnit rules over the production classes of every module (e2e-tests' ArchitectureTest
 * checks them; ArchitectureRulesTest shows the cycle, stage and handler rules failing on fixtures). ArchUnit reads
 * bytecode: a compile-time constant ({@code static final String}) is copied into its user by javac and leaves no
 * dependency to see. The rules look at direct dependencies: a handler that reaches Azure through a class of its own
 * stage is not caught here.
 */
public final class ArchitectureRules {

  /** The stage modules' root packages, under {@code io.seedship}. */
  public static final List<String> STAGES =
      List.of("cert", "staging", "diskprep", "shipping", "importmonitor", "vault");

  /** Where a stage keeps out of: the broker, the outbox and the processed-event tables are the runtime's. */
  public static final List<String> RUNTIME_INTERNALS = List.of("org.apache.kafka..", "org.springframework.kafka..",
      "org.springframework.cloud.stream..", "io.seedship.runtime.kafka..", "io.seedship.runtime.outbox..",
      "io.seedship.runtime.persistence..");

  /** The packages of the typed Azure clients, each a remote call. */
  public static final List<String> AZURE_CLIENT_PACKAGES = List.of("io.seedship.runtime.azure.graph..",
      "io.seedship.runtime.azure.importexport..", "io.seedship.runtime.azure.storage..",
      "io.seedship.runtime.azure.recoveryservices..", "io.seedship.runtime.azure.resources..");

  /** No package of Seedship depends on itself through others: each package is its own slice. */
  public static final ArchRule NO_PACKAGE_CYCLES = noPackageCycles("io.seedship");

  /** A stage uses contracts, the runtime and drive-format; never another stage (they talk through Kafka). */
  public static final ArchRule NO_STAGE_DEPENDS_ON_ANOTHER = noStageDependsOnAnother("io.seedship");

  /** local-azure and the launcher are for this machine and the tests; a service must run without them. */
  public static final ArchRule NO_STAGE_DEPENDS_ON_LOCAL_AZURE_OR_E2E = noClasses()
      .that().resideInAnyPackage(stagePackages("io.seedship"))
      .should().dependOnClassesThat().resideInAnyPackage("io.seedship.localazure..", "io.seedship.e2e..")
      .because("local-azure and the local launcher are test and development tools, not part of a service");

  /** Stage code reaches Kafka, the outbox and deduplication only through the runtime's handler API. */
  public static final ArchRule NO_STAGE_TOUCHES_KAFKA_OUTBOX_OR_PROCESSED_EVENTS = noClasses()
      .that().resideInAnyPackage(stagePackages("io.seedship"))
      .should().dependOnClassesThat().resideInAnyPackage(RUNTIME_INTERNALS.toArray(String[]::new))
      .because("the runtime records processed events, writes the outbox and talks to the broker, so a stage cannot"
          + " forget one of them or do them outside the handler's transaction");

  /**
   * A handler runs inside the message transaction: a remote Azure call there holds it open for as long as Azure
   * takes. Azure work belongs in the stage's durable work, which records its result as a new event.
   */
  public static final ArchRule NO_HANDLER_CALLS_AZURE = noClasses()
      .that().areAssignableTo(SeedHandler.class)
      .should().dependOnClassesThat(azureClients())
      .because("a SeedHandler is short and transactional; Azure calls go to durable work outside it");

  private ArchitectureRules() {
  }

  /**
   * The production classes of every Seedship module on the class path. Tests are left out whether Maven hands a
   * module's tests over as a directory ({@code target/test-classes}) or, after {@code package}, as its test-jar.
   */
  public static JavaClasses productionClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.seedship");
  }

  /** {@link #NO_PACKAGE_CYCLES} for the packages under {@code root} (a fixture's root, in its test). */
  public static ArchRule noPackageCycles(String root) {
    return slices().matching(root + ".(**)").namingSlices("package " + root + ".$1")
        .should().beFreeOfCycles()
        .as("packages under " + root + " should be free of cycles");
  }

  /** {@link #NO_STAGE_DEPENDS_ON_ANOTHER} for stages under {@code root} (a fixture's root, in its test). */
  public static ArchRule noStageDependsOnAnother(String root) {
    return slices().assignedFrom(stageModules(root)).should().notDependOnEachOther()
        .because("stages only talk through events on Kafka");
  }

  static String[] stagePackages(String root) {
    return STAGES.stream().map(stage -> root + "." + stage + "..").toArray(String[]::new);
  }

  /** Each class of a stage into its stage's slice; every other class ignored. */
  private static SliceAssignment stageModules(String root) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        return STAGES.stream()
            .filter(stage -> name.equals(root + "." + stage) || name.startsWith(root + "." + stage + "."))
            .findFirst().map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
      }

      @Override
      public String getDescription() {
        return "stage modules " + Arrays.toString(stagePackages(root));
      }
    };
  }

  private static DescribedPredicate<JavaClass> azureClients() {
    return JavaClass.Predicates.resideInAnyPackage(AZURE_CLIENT_PACKAGES.toArray(String[]::new))
        .or(JavaClass.Predicates.assignableTo(AzureClients.class))
        .as("AzureClients or a typed Azure client");
  }
}
