package io.seedship.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml describes the system the repository builds. No Docker engine runs here, so the file is checked
 * against the repository itself ({@link ComposeChecker}): the modules, the Dockerfiles and what they copy, every
 * service's environment against its configuration properties, Kafka, the databases, the disk-prep agent's devices and
 * the pinned images.
 */
class ComposeFileTest {

  static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
  final ComposeChecker checker = new ComposeChecker(REPOSITORY, LocalSeedship.SERVICES);

  @Test
  void theComposeFileDescribesEveryServiceAsTheRepositoryBuildsAndConfiguresIt() {
    List<String> problems = checker.check(REPOSITORY.resolve("docker-compose.yml"));
    assertThat(problems).as("docker-compose.yml").isEmpty();
  }

  @Test
  void everyServiceModuleIsAServiceOfTheComposeFile() {
    // the check's own view of the modules is the launcher's list of services, no more and no less
    assertThat(checker.serviceModules()).containsExactlyInAnyOrderElementsOf(LocalSeedship.SERVICES.keySet());
    Map<String, Map<String, Object>> services = ComposeChecker.services(
        ComposeChecker.load(REPOSITORY.resolve("docker-compose.yml")));
    assertThat(services).containsKeys(LocalSeedship.SERVICES.keySet().toArray(String[]::new))
        .containsKeys("kafka", "postgres", "azurite", "local-azure");
    for (String service : LocalSeedship.SERVICES.keySet()) {
      assertThat(services.get(service)).as(service).containsKey("build");
      assertThat(ComposeChecker.environment(services.get(service))).as(service)
          .containsKeys("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATASOURCE_URL", "SEEDSHIP_AZURE_CLOUD");
    }
  }
}
