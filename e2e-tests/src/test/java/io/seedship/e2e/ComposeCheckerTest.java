package io.seedship.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose check itself: it must catch what it is there to catch. */
class ComposeCheckerTest {

  static final Path REPOSITORY = ComposeFileTest.REPOSITORY;
  final ComposeChecker checker = new ComposeChecker(REPOSITORY, LocalSeedship.SERVICES);

  @Test
  void aVariableNamingARealPropertyPassesByRelaxedBinding() {
    assertThat(checker.checkEnvironment("vault-service", Map.of(
        "SEEDSHIP_AZURE_CLIENT_ID", "x", // seedship.azure.client-id, legacy dashes-as-underscores form
        "SEEDSHIP_AZURE_CLIENTID", "x", // the canonical form, dashes removed
        "SEEDSHIP_AZURE_RETRY_MAX_RETRY_AFTER", "PT5S", // nested: AzureProperties.Retry
        "SEEDSHIP_WORK_THREADS", "2", // nested: SeedshipProperties.Work
        "SEEDSHIP_CONSUMES_0", "seedship.staging.events", // a list element
        "SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:19092", // Spring Boot's KafkaProperties (its metadata)
        "SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/vault_service",
        "SPRING_APPLICATION_NAME", "vault-service",
        "JAVA_TOOL_OPTIONS", "-Xmx512m"))).isEmpty();
    assertThat(checker.checkEnvironment("diskprep-service", Map.of(
        "SEEDSHIP_DISKPREP_COPY_MACHINE", "copy-01", // a record's component
        "SEEDSHIP_DISKPREP_DRIVES_SYNC_EVERY", "268435456"))).isEmpty(); // another record, nested prefix
    assertThat(checker.checkEnvironment("staging-service", Map.of(
        "SEEDSHIP_STAGING_CHUNK_TARGET_SIZE", "512MB"))).isEmpty();
  }

  @Test
  void aMisspelledVariableFails() {
    assertThat(checker.checkEnvironment("vault-service", Map.of("SEEDSHIP_AZURE_CLIENT_IDD", "x")))
        .singleElement().asString().contains("SEEDSHIP_AZURE_CLIENT_IDD").contains("names no configuration property");
    assertThat(checker.checkEnvironment("vault-service", Map.of("SEEDSHIP_AZURE_CLEINT_ID", "x")))
        .singleElement().asString().contains("SEEDSHIP_AZURE_CLEINT_ID");
    assertThat(checker.checkEnvironment("vault-service", Map.of("SPRING_KAFKA_BOOTSTRAP_SERVER", "kafka:19092")))
        .singleElement().asString().contains("SPRING_KAFKA_BOOTSTRAP_SERVER");
    assertThat(checker.checkEnvironment("cert-service", Map.of("SEEDSHIP_CERT_KEK_FIEL", "/k")))
        .singleElement().asString().contains("SEEDSHIP_CERT_KEK_FIEL");
    assertThat(checker.checkEnvironment("cert-service", Map.of("AZURE_CLIENT_ID", "x")))
        .singleElement().asString().contains("neither a Seedship nor a Spring Boot property");
  }

  @Test
  void aPropertyOfAnotherServiceFails() {
    assertThat(checker.checkEnvironment("staging-service", Map.of("SEEDSHIP_STAGING_THREADS", "2"))).isEmpty();
    assertThat(checker.checkEnvironment("vault-service", Map.of("SEEDSHIP_STAGING_THREADS", "2")))
        .singleElement().asString().contains("vault-service").contains("SEEDSHIP_STAGING_THREADS");
  }

  @Test
  void aValueThatDoesNotBindFails() {
    assertThat(checker.checkEnvironment("vault-service", Map.of("SEEDSHIP_AZURE_CLOUD", "NOWHERE")))
        .singleElement().asString().contains("seedship.azure");
    assertThat(checker.checkEnvironment("importmonitor-service", Map.of("SEEDSHIP_IMPORTMONITOR_FAST_INTERVAL", "soon")))
        .isNotEmpty();
  }

  @Test
  void imagesMustBePinned() {
    assertThat(ComposeChecker.imageProblem("s", "apache/kafka:4.1.0")).isNull();
    assertThat(ComposeChecker.imageProblem("s", "localhost:5000/seedship/x:1.2")).isNull();
    assertThat(ComposeChecker.imageProblem("s", "postgres@sha256:0123abcd")).isNull();
    assertThat(ComposeChecker.imageProblem("s", "postgres:latest")).contains("not pinned");
    assertThat(ComposeChecker.imageProblem("s", "postgres")).contains("not pinned");
    assertThat(ComposeChecker.imageProblem("s", "localhost:5000/postgres")).contains("not pinned");
  }

  @Test
  void aBrokenComposeFileIsCaught(@TempDir Path dir) throws IOException {
    String compose = Files.readString(REPOSITORY.resolve("docker-compose.yml"))
        .replace("SEEDSHIP_SHIPPING_ARRIVAL_LIMIT:", "SEEDSHIP_SHIPPING_ARIVAL_LIMIT:")
        .replace("image: postgres:15", "image: postgres:latest")
        .replace("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 1", "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 2")
        .replace("postgres:5432/cert_service", "postgres:5432/cert")
        .replace("      - /run/udev:/run/udev:ro\n", "")
        .replace("SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:19092", "SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092")
        .replace("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: \"false\"", "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: \"true\"")
        .replace("CONTROLLER:SSL", "CONTROLLER:PLAINTEXT")
        .replaceFirst("pull_policy: never", "pull_policy: always")
        .replace("subpath: cert-service", "subpath: admin")
        .replace("      SPRING_CONFIG_IMPORT: file:/kafka-clients/staging-service/spring.properties\n", "")
        .replace("context: .", "context: " + REPOSITORY);
    // a copy of the compose file elsewhere: builds point back at the repository; init scripts are copied along
    Files.createDirectories(dir.resolve("deploy"));
    Files.copy(REPOSITORY.resolve("deploy/postgres-init.sql"), dir.resolve("deploy/postgres-init.sql"));
    // and one service that lost its module, one Dockerfile that copies what does not exist
    compose = compose.replace("  vault-service:\n", "  vault-servce:\n");
    Path dockerfile = dir.resolve("Dockerfile.broken");
    Files.writeString(dockerfile, """
        FROM eclipse-temurin:21-jre
        ARG SERVICE
        COPY ${SERVICE}/target/${SERVICE}-0.0.1-exec.jar /app/service.jar
        COPY deploy/no-such-file /app/
        """);
    compose = compose.replaceFirst("dockerfile: deploy/Dockerfile.service\n      args:\n        SERVICE: shipping-service",
        "dockerfile: " + dockerfile + "\n      args:\n        SERVICE: shipping-service");
    Path file = dir.resolve("docker-compose.yml");
    Files.writeString(file, compose);

    List<String> problems = checker.check(file);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("misspelled variable", "SEEDSHIP_SHIPPING_ARIVAL_LIMIT");
    expected.put("latest image", "image postgres:latest is not pinned");
    expected.put("broker setting", "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR is 2");
    expected.put("database not created", "database cert is not created");
    expected.put("udev", "/run/udev is not mounted read-only");
    expected.put("listener", "SPRING_KAFKA_BOOTSTRAP_SERVERS kafka:9092 is not a listener");
    expected.put("everyone allowed", "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND is true");
    expected.put("controller without TLS", "listener CONTROLLER is PLAINTEXT, not SSL");
    expected.put("another's identity", "cert-service: mounts kafka-clients other than its own directory");
    expected.put("identity not imported", "staging-service: SPRING_CONFIG_IMPORT does not import");
    expected.put("own image pulled", "kafka-credentials: image seedship/staging-service:0.1.0-SNAPSHOT is not built");
    expected.put("module missing", "service module vault-service is not a service of the compose file");
    expected.put("jar of another version", "does not exist in the build context");
    expected.put("missing COPY source", "COPY source deploy/no-such-file does not exist");
    expected.put("no jar of its own", "does not copy shipping-service's built jar");
    expected.forEach((what, text) -> assertThat(problems).as(what).anyMatch(p -> p.contains(text)));
  }
}
