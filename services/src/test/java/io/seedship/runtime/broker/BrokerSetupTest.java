package io.seedship.runtime.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.contracts.Topics;
import io.seedship.runtime.test.KafkaTestBroker;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docker-compose.yml's credential and setup containers run, against the tests' broker (the same CA): the
 * broker's directory holds the broker's identity alone, each client's directory that client's alone, no copy holds
 * the CA's key, every file is mode 600, and each copied configuration connects as its principal.
 */
class BrokerSetupTest {

  @TempDir
  Path out;

  @Test
  void eachPlaceGetsItsOwnIdentityAndNothingMore() throws Exception {
    Path brokerDir = out.resolve("broker");
    Path clientsDir = out.resolve("clients");
    BrokerSetup.credentials(KafkaTestBroker.credentials().directory(), brokerDir, clientsDir);

    assertThat(names(brokerDir)).containsExactlyInAnyOrder("broker.p12", "truststore.p12", "ca.pem",
        "passwords.properties", "broker.password", "truststore.password", "broker.client.properties");
    assertThat(names(clientsDir)).containsExactlyInAnyOrderElementsOf(BrokerCredentials.catalogPrincipals());
    assertThat(names(clientsDir.resolve("cert-service"))).containsExactlyInAnyOrder("cert-service.p12",
        "truststore.p12", "ca.pem", "passwords.properties", "client.properties", "spring.properties");
    assertThat(names(clientsDir.resolve("subscriber"))).contains("subscriber.pem", "subscriber-key.pem")
        .doesNotContain("admin.p12");
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
            .isEqualTo("rw-------");
      }
    }
    Properties spring = load(clientsDir.resolve("staging-service").resolve("spring.properties"));
    assertThat(spring.getProperty("spring.kafka.ssl.key-store-location"))
        .isEqualTo(clientsDir.resolve("staging-service").resolve("staging-service.p12").toUri().toString());
    assertThat(Files.readString(brokerDir.resolve("broker.password")).strip())
        .isEqualTo(load(brokerDir.resolve("broker.client.properties")).getProperty("ssl.keystore.password"));
  }

  @Test
  void theCopiedConfigurationsConnectAsTheirPrincipals() throws Exception {
    Path clientsDir = out.resolve("clients");
    BrokerSetup.credentials(KafkaTestBroker.credentials().directory(), out.resolve("broker"), clientsDir);
    // the setup container's second step, again on a prepared broker: nothing to create, the same ACLs
    BrokerSetup.prepare(KafkaTestBroker.bootstrapServers(), clientsDir.resolve("admin").resolve("client.properties"),
        3);

    try (Admin admin = Admin.create(config(clientsDir.resolve("admin")))) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
    }
    Map<String, Object> subscriberConfig = config(clientsDir.resolve("subscriber"));
    // not idempotent, so the refusal names the topic rather than the cluster
    subscriberConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    try (KafkaProducer<String, String> subscriber = new KafkaProducer<>(subscriberConfig,
        new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(() -> subscriber.send(new ProducerRecord<>(Topics.SEED_OUTCOMES.name(), "k", "v"))
          .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  private static Map<String, Object> config(Path clientDir) throws Exception {
    Map<String, Object> config = new HashMap<>();
    load(clientDir.resolve("client.properties")).forEach((k, v) -> config.put(k.toString(), v));
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
    return config;
  }

  private static Properties load(Path file) throws Exception {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    }
    return properties;
  }

  private static Set<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return Set.copyOf(files.map(p -> p.getFileName().toString()).toList());
    }
  }

  static final List<String> UNUSED = List.of();
}
