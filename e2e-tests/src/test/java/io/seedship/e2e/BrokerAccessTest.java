package io.seedship.e2e;

import io.seedship.runtime.broker.LocalBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.contracts.Topics;
import io.seedship.runtime.broker.BrokerCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local broker ({@link LocalBroker}, the one {@code ./seedship-local} runs) lets in only clients with a
 * certificate of its CA, and each only as far as {@code BrokerAcls} allows: no anonymous client, no service writing
 * another's topic, an outside subscriber reading the public topics and nothing else. Its credentials are private
 * files and survive a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerAccessTest {

  @TempDir
  static Path home;
  LocalBroker broker;

  @BeforeAll
  void start() {
    broker = LocalBroker.start(home.resolve("kafka"));
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aPlaintextClientIsRefused() {
    Map<String, Object> plaintext = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
    try (Admin admin = Admin.create(plaintext)) {
      assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).clusterId()
          .get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }
  }

  @Test
  void aTlsClientWithoutACertificateIsRefused() {
    Map<String, Object> noCertificate = new HashMap<>(broker.clientProperties(BrokerCredentials.ADMIN));
    noCertificate.keySet().removeIf(k -> k.startsWith("ssl.keystore") || k.equals("ssl.key.password"));
    noCertificate.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
    noCertificate.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
    assertThat(noCertificate).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL")
        .containsKey("ssl.truststore.location");
    try (Admin admin = Admin.create(noCertificate)) {
      assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).clusterId()
          .get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(SslAuthenticationException.class);
    }
  }

  @Test
  void aServiceWritesItsOwnTopicAndNotAnothers() throws Exception {
    try (KafkaProducer<String, String> shipping = producer("shipping-service", null)) {
      assertThat(shipping.send(new ProducerRecord<>(Topics.SHIPPING_EVENTS.name(), "seed-1", "ok"))
          .get(30, TimeUnit.SECONDS).topic()).isEqualTo(Topics.SHIPPING_EVENTS.name());
      assertThatThrownBy(() -> shipping.send(new ProducerRecord<>(Topics.DISKPREP_EVENTS.name(), "seed-1", "forged"))
          .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(TopicAuthorizationException.class);
    }
    // in a transaction, as the runtime publishes: its own transactional ids only
    try (KafkaProducer<String, String> shipping = producer("shipping-service", "shipping-service-test-0-")) {
      shipping.initTransactions();
      shipping.beginTransaction();
      shipping.send(new ProducerRecord<>(Topics.SHIPPING_EVENTS.name(), "seed-2", "ok")).get(30, TimeUnit.SECONDS);
      shipping.commitTransaction();
    }
    try (KafkaProducer<String, String> shipping = producer("shipping-service", "diskprep-service-test-0-")) {
      assertThatThrownBy(shipping::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
    }
  }

  @Test
  void theSubscriberReadsThePublicTopicsOnly() throws Exception {
    String key = "seed-" + UUID.randomUUID();
    try (KafkaProducer<String, String> admin = producer(BrokerCredentials.ADMIN, null)) {
      admin.send(new ProducerRecord<>(Topics.SEED_OUTCOMES.name(), key, "outcome")).get(30, TimeUnit.SECONDS);
      admin.send(new ProducerRecord<>(Topics.COMMANDS.name(), key, "command")).get(30, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<String, String> subscriber = consumer(BrokerCredentials.SUBSCRIBER, "subscriber-test")) {
      subscriber.subscribe(List.of(Topics.SEED_OUTCOMES.name()));
      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      Instant end = Instant.now().plusSeconds(30);
      while (read.stream().noneMatch(r -> key.equals(r.key())) && Instant.now().isBefore(end)) {
        subscriber.poll(Duration.ofMillis(200)).forEach(read::add);
      }
      assertThat(read).anyMatch(r -> key.equals(r.key()) && r.value().equals("outcome"));
      subscriber.commitSync(); // its group's offsets, too
    }
    try (KafkaConsumer<String, String> subscriber = consumer(BrokerCredentials.SUBSCRIBER, "subscriber-test")) {
      subscriber.assign(List.of(new TopicPartition(Topics.COMMANDS.name(), 0)));
      subscriber.seekToBeginning(subscriber.assignment());
      assertThatThrownBy(() -> {
        Instant end = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(end)) {
          subscriber.poll(Duration.ofMillis(200));
        }
      }).isInstanceOf(TopicAuthorizationException.class);
    }
    try (KafkaConsumer<String, String> subscriber = consumer(BrokerCredentials.SUBSCRIBER, "someone-else")) {
      subscriber.subscribe(List.of(Topics.SEED_OUTCOMES.name()));
      assertThatThrownBy(() -> {
        Instant end = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(end)) {
          subscriber.poll(Duration.ofMillis(200));
        }
      }).isInstanceOf(GroupAuthorizationException.class);
    }
    // an idempotent producer is refused its producer id outright (no WRITE anywhere); a plain one, each record
    try (KafkaProducer<String, String> subscriber = producer(BrokerCredentials.SUBSCRIBER, null)) {
      assertThatThrownBy(() -> subscriber.send(new ProducerRecord<>(Topics.SEED_OUTCOMES.name(), key, "forged"))
          .get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(ClusterAuthorizationException.class);
    }
    try (KafkaProducer<String, String> subscriber = producer(BrokerCredentials.SUBSCRIBER, null,
        Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1"))) {
      for (var topic : List.of(Topics.SEED_OUTCOMES, Topics.SEED_STATUS, Topics.COMMANDS)) {
        assertThatThrownBy(() -> subscriber.send(new ProducerRecord<>(topic.name(), key, "forged"))
            .get(30, TimeUnit.SECONDS)).as(topic.name()).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(TopicAuthorizationException.class);
      }
    }
  }

  @Test
  void theSreReadsEveryTopicWritesOnlyReplaysAndSeesOnlyTheServicesGroups() throws Exception {
    String key = "sre-" + UUID.randomUUID();
    try (KafkaProducer<String, String> admin = producer(BrokerCredentials.ADMIN, null)) {
      admin.send(new ProducerRecord<>(Topics.COMMANDS.name(), key, "command")).get(30, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<String, String> sre = consumer(BrokerCredentials.SRE, null)) {
      List<TopicPartition> partitions = sre.partitionsFor(Topics.COMMANDS.name(), Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      sre.assign(partitions);
      sre.seekToBeginning(partitions);
      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      Instant end = Instant.now().plusSeconds(30);
      while (read.stream().noneMatch(r -> key.equals(r.key())) && Instant.now().isBefore(end)) {
        sre.poll(Duration.ofMillis(200)).forEach(read::add);
      }
      assertThat(read).anyMatch(r -> key.equals(r.key()) && r.value().equals("command"));
    }
    try (KafkaProducer<String, String> sre = producer(BrokerCredentials.SRE, null)) {
      assertThat(sre.send(new ProducerRecord<>(Topics.REPLAY.name(), key, "replayed")).get(30, TimeUnit.SECONDS)
          .topic()).isEqualTo(Topics.REPLAY.name());
    }
    try (KafkaProducer<String, String> sre = producer(BrokerCredentials.SRE, null,
        Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1"))) {
      for (var topic : List.of(Topics.COMMANDS, Topics.STAGING_EVENTS, Topics.SEED_OUTCOMES, Topics.DEAD_LETTERS)) {
        assertThatThrownBy(() -> sre.send(new ProducerRecord<>(topic.name(), key, "forged"))
            .get(30, TimeUnit.SECONDS)).as(topic.name()).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(TopicAuthorizationException.class);
      }
    }
    try (Admin sre = Admin.create(broker.clientProperties(BrokerCredentials.SRE))) {
      // a service's group (committed offsets, none yet) and the disk-prep agents' groups by their prefix
      assertThat(sre.listConsumerGroupOffsets("staging-service").partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS)).isNotNull();
      assertThat(sre.listConsumerGroupOffsets("diskprep-service-copy-1").partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS)).isNotNull();
      assertThatThrownBy(() -> sre.listConsumerGroupOffsets("subscriber-test").partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS)).cause().isInstanceOf(GroupAuthorizationException.class);
    }
  }

  @Test
  void theCredentialsArePrivateAndKeptAcrossRestarts() throws Exception {
    BrokerCredentials credentials = broker.credentials();
    Path dir = credentials.directory();
    assertThat(dir).isEqualTo(home.resolve("kafka/credentials").toAbsolutePath());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    List<String> files = new ArrayList<>();
    try (var list = Files.list(dir)) {
      for (Path file : list.toList()) {
        files.add(file.getFileName().toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
            .isEqualTo("rw-------");
      }
    }
    assertThat(files).contains("ca.p12", "truststore.p12", "ca.pem", "passwords.properties", "broker.p12",
        "admin.p12", "subscriber.p12", "sre.p12", "subscriber.pem", "subscriber-key.pem", "cert-service.p12",
        "staging-service.p12", "diskprep-service.p12", "shipping-service.p12", "importmonitor-service.p12",
        "vault-service.p12");
    assertThat(Files.readString(credentials.privateKeyPem(BrokerCredentials.SUBSCRIBER)))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    // no password in the object's description
    String passwords = Files.readString(dir.resolve("passwords.properties"), StandardCharsets.ISO_8859_1);
    String adminPassword = (String) credentials.clientProperties(BrokerCredentials.ADMIN).get("ssl.keystore.password");
    assertThat(passwords).contains(adminPassword);
    assertThat(credentials.toString()).doesNotContain(adminPassword);

    String fingerprint = credentials.caFingerprint();
    byte[] adminStore = Files.readAllBytes(credentials.keyStore(BrokerCredentials.ADMIN));
    broker.close();
    broker = null;
    broker = LocalBroker.start(home.resolve("kafka"));
    // at once after the start, a principal is judged by the table (start waits until the broker shows its ACLs)
    try (KafkaConsumer<String, String> subscriber = consumer(BrokerCredentials.SUBSCRIBER, "subscriber-restart")) {
      assertThat(subscriber.partitionsFor(Topics.SEED_OUTCOMES.name(), Duration.ofSeconds(10))).hasSize(3);
    }
    assertThat(broker.credentials().caFingerprint()).isEqualTo(fingerprint);
    assertThat(Files.readAllBytes(broker.credentials().keyStore(BrokerCredentials.ADMIN))).isEqualTo(adminStore);
    try (Admin admin = Admin.create(broker.clientProperties(BrokerCredentials.ADMIN))) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .containsAll(Topics.ALL.stream().map(io.seedship.contracts.Topic::name).toList());
    }
  }

  private KafkaProducer<String, String> producer(String principal, String transactionalId) {
    return producer(principal, transactionalId, Map.of());
  }

  private KafkaProducer<String, String> producer(String principal, String transactionalId, Map<String, Object> more) {
    Map<String, Object> config = new HashMap<>(broker.clientProperties(principal));
    config.putAll(more);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
    if (transactionalId != null) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId + UUID.randomUUID());
    }
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private KafkaConsumer<String, String> consumer(String principal, String group) {
    Map<String, Object> config = new HashMap<>(broker.clientProperties(principal));
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }
}
