package io.seedship.e2e;

import io.seedship.runtime.broker.LocalBroker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seedship.contracts.Samples;
import io.seedship.contracts.Topics;
import io.seedship.contracts.cloudevents.CloudEventHeaders;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.status.SeedState;
import io.seedship.contracts.status.SeedStatus;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.messaging.SeedStatuses;
import io.seedship.runtime.broker.BrokerCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Another system can subscribe without Java: a Node.js client ({@code src/test/node/subscriber}, kafkajs and avsc)
 * reads the public topics on Seedship's local KRaft broker ({@link LocalBroker}: mutual TLS, ACLs), as the
 * {@code subscriber} principal with its PEM certificate and key, and decodes every record with nothing but the published
 * {@code .avsc} files and the CloudEvents headers. The records are published by the runtime's own
 * {@link SeedEventPublisher} (the contracts codec, {@link CloudEventHeaders}, the status beside each outcome), and
 * every field the client decoded must equal the published one. Two damaged records (a fingerprint no schema has, a
 * truncated body) must each come back as an error naming the record.
 */
class ForeignSubscriberTest {

  static final Path MODULE = Path.of(System.getProperty("user.dir")).toAbsolutePath();
  static final Path REPOSITORY = MODULE.getParent();
  static final Path SUBSCRIBER = MODULE.resolve("src/test/node/subscriber");
  // whole numbers compared as longs: a long field that holds a small value reads back as an int otherwise
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

  @TempDir
  Path home;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aNodeClientDecodesTheOutcomesAndStatusesFromThePublishedSchemasAlone() throws Exception {
    Assumptions.assumeTrue(runs("node", "--version") && runs("npm", "--version"),
        "node and npm are not installed: the foreign subscriber (Node.js) cannot run here (CI installs them, .ci/run)");
    installSubscriber();
    SeedshipCodec.trustContracts();

    // Seedship's local broker (mutual TLS, ACLs): its admin has made the catalog's topics
    try (LocalBroker broker = LocalBroker.start(home.resolve("kafka"))) {
      publishAndSubscribe(broker);
    }
  }

  private void publishAndSubscribe(LocalBroker broker) throws Exception {
    // published as vault-service (its certificate, its transactional ids), which may write outcomes and statuses
    Map<String, Object> vault = broker.clientProperties("vault-service");
    String seedA = "seed-" + UUID.randomUUID();
    String seedB = "seed-" + UUID.randomUUID();
    String seedC = "seed-" + UUID.randomUUID();

    SeedCompleted completed = SeedCompleted.newBuilder().setMetadata(metadata(seedA, "vault-service", "cause-1"))
        .setImportJobName("contoso-seed-1").setSubscriptionId("8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a11")
        .setVaultId("/subscriptions/8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a11/resourceGroups/backup-rg/providers/"
            + "Microsoft.RecoveryServices/vaults/contoso-vault")
        .setRecoveryPointId("rp-0001").setRecoveryPointTime(Instant.parse("2026-11-30T08:15:30.123Z"))
        .setBytesSeeded(5_497_558_138_880L).build();
    SeedFailed failed = SeedFailed.newBuilder(Samples.seedFailed(seedB))
        .setMetadata(metadata(seedB, "staging-service", null))
        .setAction("fix the storage account name and request the seed again")
        .setProblems(List.of(
            Problem.newBuilder().setField("storageAccount").setMessage("'Contoso_01' must be 3-24 lowercase letters and digits").build(),
            Problem.newBuilder().setField(null).setMessage("naïve ünïcode — and \"quotes\" survive").build()))
        .build();
    SeedStatus staging = SeedStatus.newBuilder().setMetadata(metadata(seedC, "staging-service", "cause-2"))
        .setState(SeedState.STAGING).setStage(SeedStage.STAGING).setDetail("staging: 1200 of 5000 files")
        .setImportJobName(null).setPercentComplete(42).build();
    SeedStatus awaiting = SeedStatus.newBuilder().setMetadata(metadata(seedC, "diskprep-service", "cause-3"))
        .setState(SeedState.AWAITING_SHIPMENT).setStage(SeedStage.SHIPPING).setDetail(null)
        .setImportJobName("contoso-seed-3").setPercentComplete(null).build();

    // published as the services publish: the runtime's publisher, transactional, each outcome with its status
    Map<String, Object> transactional = new HashMap<>(vault);
    transactional.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    transactional.put(ProducerConfig.ACKS_CONFIG, "all");
    DefaultKafkaProducerFactory<byte[], byte[]> factory = new DefaultKafkaProducerFactory<>(transactional,
        new ByteArraySerializer(), new ByteArraySerializer());
    factory.setTransactionIdPrefix("vault-service-foreign-subscriber-test-");
    try {
      SeedEventPublisher publisher = new SeedEventPublisher(factory, SeedshipCodec.instance(), new SimpleMeterRegistry());
      publisher.publish(completed);
      publisher.publish(failed);
      publisher.publish(List.of(staging, awaiting));
    } finally {
      factory.destroy();
    }
    List<SpecificRecord> published = new ArrayList<>(List.of(completed, failed, staging, awaiting,
        SeedStatuses.of(completed).orElseThrow(), SeedStatuses.of(failed).orElseThrow()));

    // and two damaged records on the outcomes topic, with the headers of a real one
    SeedCompleted damaged = SeedCompleted.newBuilder(completed).setMetadata(metadata("seed-damaged", "vault-service", null)).build();
    byte[] unknownFingerprint = SeedshipCodec.instance().encode(damaged);
    unknownFingerprint[2] ^= (byte) 0xff;
    SeedFailed truncated = SeedFailed.newBuilder(failed).setMetadata(metadata("seed-truncated", "staging-service", null)).build();
    byte[] truncatedBody = SeedshipCodec.instance().encode(truncated);
    truncatedBody = Arrays.copyOf(truncatedBody, truncatedBody.length - 20);
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(vault, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      raw.send(rawRecord(damaged, unknownFingerprint)).get(30, TimeUnit.SECONDS);
      raw.send(rawRecord(truncated, truncatedBody)).get(30, TimeUnit.SECONDS);
    }

    int expected = published.size() + 2;
    long started = System.nanoTime();
    BrokerCredentials credentials = broker.credentials();
    List<JsonNode> lines = runSubscriber(broker.bootstrapServers(), expected, credentials.caCertificatePem(),
        credentials.certificatePem(BrokerCredentials.SUBSCRIBER), credentials.privateKeyPem(BrokerCredentials.SUBSCRIBER));
    System.out.printf("foreign subscriber: %d records in %d ms%n", lines.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    assertThat(lines).hasSize(expected);

    Map<String, JsonNode> byEventId = new HashMap<>();
    for (JsonNode line : lines) {
      byEventId.put(line.path("headers").path("ce_id").asText(), line);
    }
    for (SpecificRecord record : published) {
      EventMetadata m = metadata(record);
      JsonNode line = byEventId.get(m.getEventId());
      assertThat(line).as("the client's line for %s %s", record.getSchema().getName(), m.getEventId()).isNotNull();
      assertThat(line.has("error")).as("error for %s: %s", record.getSchema().getName(), line.path("error")).isFalse();
      assertThat(line.path("topic").asText()).isEqualTo(Topics.topicOf(record.getClass()).name());
      assertThat(line.path("key").asText()).isEqualTo(m.getSeedId());
      assertThat(line.path("type").asText()).isEqualTo(record.getSchema().getFullName());
      assertThat(line.path("version").asText()).isEqualTo("current");
      JsonNode headers = line.path("headers");
      CloudEventHeaders.of(record).forEach((name, value) ->
          assertThat(headers.path(name).asText()).as("header %s", name).isEqualTo(value));
      assertThat(headers.path("ce_subject").asText()).isEqualTo(m.getSeedId());
      assertThat(headers.path("ce_type").asText()).isEqualTo(record.getSchema().getFullName());
      // every field, down to the metadata, the enums, the unions and the timestamps (epoch milliseconds)
      assertThat(JSON.convertValue(line.path("value"), Object.class)).as("decoded %s", record.getSchema().getName())
          .isEqualTo(JSON.convertValue(asJson(record), Object.class));
    }
    JsonNode completedLine = byEventId.get(completed.getMetadata().getEventId()).path("value");
    assertThat(completedLine.path("recoveryPointTime").asLong()).isEqualTo(Instant.parse("2026-11-30T08:15:30.123Z").toEpochMilli());
    assertThat(completedLine.path("bytesSeeded").asLong()).isEqualTo(5_497_558_138_880L);
    JsonNode failedLine = byEventId.get(failed.getMetadata().getEventId()).path("value");
    assertThat(failedLine.path("stage").asText()).isEqualTo("INTAKE");
    assertThat(failedLine.path("reason").asText()).isEqualTo(failed.getReason());

    JsonNode unknown = byEventId.get(damaged.getMetadata().getEventId());
    assertThat(unknown).isNotNull();
    assertThat(unknown.path("error").asText()).contains("unknown schema fingerprint")
        .contains("io.seedship.contracts.outcome.SeedCompleted");
    assertThat(unknown.path("key").asText()).isEqualTo("seed-damaged");
    assertThat(unknown.has("value")).isFalse();
    JsonNode corrupt = byEventId.get(truncated.getMetadata().getEventId());
    assertThat(corrupt).isNotNull();
    assertThat(corrupt.path("error").asText()).contains("corrupt io.seedship.contracts.outcome.SeedFailed body");
    assertThat(corrupt.path("key").asText()).isEqualTo("seed-truncated");
    assertThat(corrupt.has("value")).isFalse();
  }

  /**
   * Beyond the three types published above: the client's CRC-64-AVRO of the Parsing Canonical Form of every message
   * type, and of every earlier version it reads, is the fingerprint the Java codec writes, so it would pick and
   * check the schema of any Seedship record.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theClientsFingerprintsOfEveryPublishedSchemaAreTheCodecs() throws Exception {
    Assumptions.assumeTrue(runs("node", "--version") && runs("npm", "--version"),
        "node and npm are not installed: the foreign subscriber (Node.js) cannot run here (CI installs them, .ci/run)");
    installSubscriber();
    SeedshipCodec.trustContracts();
    Process process = new ProcessBuilder("node", SUBSCRIBER.resolve("subscriber.js").toString(), "--fingerprints",
        "--schemas", REPOSITORY.resolve("contracts/src/main/avro").toString(),
        "--history", REPOSITORY.resolve("contracts/src/main/resources/avro-history").toString())
        .directory(SUBSCRIBER.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    JsonNode fingerprints = JSON.readTree(out);
    int earlier = 0;
    for (Class<? extends SpecificRecord> type : Topics.messageTypes()) {
      Schema current = org.apache.avro.specific.SpecificData.get().getSchema(type);
      assertThat(fingerprints.path(current.getFullName()).asText()).as(current.getFullName())
          .isEqualTo(hex(org.apache.avro.SchemaNormalization.parsingFingerprint64(current)));
      List<Schema> history = io.seedship.contracts.codec.SchemaHistory.fromClasspath(current.getFullName(),
          type.getClassLoader());
      for (int i = 0; i < history.size(); i++) {
        String version = current.getFullName() + "/v" + (i + 1);
        long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(history.get(i));
        if (fingerprint != org.apache.avro.SchemaNormalization.parsingFingerprint64(current)) {
          assertThat(fingerprints.path(version).asText()).as(version).isEqualTo(hex(fingerprint));
          earlier++;
        }
      }
    }
    assertThat(Topics.messageTypes()).hasSizeGreaterThan(20);
    assertThat(earlier).isPositive();
  }

  private static String hex(long fingerprint) {
    return String.format("%016x", fingerprint);
  }

  private static EventMetadata metadata(String seedId, String producer, String causationId) {
    EventMetadata m = Samples.metadata(seedId, producer);
    m.setCausationId(causationId);
    m.setCorrelationId("correlation-" + seedId);
    m.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    return m;
  }

  private static EventMetadata metadata(SpecificRecord record) {
    return io.seedship.contracts.Records.metadata(record);
  }

  private static ProducerRecord<byte[], byte[]> rawRecord(SpecificRecord record, byte[] payload) {
    ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.SEED_OUTCOMES.name(), null,
        metadata(record).getSeedId().getBytes(StandardCharsets.UTF_8), payload);
    CloudEventHeaders.of(record).forEach((name, value) -> out.headers().add(name, CloudEventHeaders.bytes(value)));
    return out;
  }

  /** A record as JSON sees Avro values: enums by symbol, timestamps in epoch milliseconds, null unions as null. */
  static Object asJson(Object value) {
    if (value instanceof IndexedRecord record) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Schema.Field field : record.getSchema().getFields()) {
        map.put(field.name(), asJson(record.get(field.pos())));
      }
      return map;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ForeignSubscriberTest::asJson).toList();
    }
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof GenericEnumSymbol<?> e) {
      return e.toString();
    }
    if (value instanceof CharSequence s) {
      return s.toString();
    }
    return value;
  }

  private static List<JsonNode> runSubscriber(String bootstrap, int count, Path ca, Path certificate, Path key)
      throws Exception {
    Process process = new ProcessBuilder("node", SUBSCRIBER.resolve("subscriber.js").toString(),
        "--bootstrap", bootstrap, "--count", String.valueOf(count), "--timeout-ms", "45000",
        "--ssl-ca", ca.toString(), "--ssl-cert", certificate.toString(), "--ssl-key", key.toString(),
        "--schemas", REPOSITORY.resolve("contracts/src/main/avro").toString(),
        "--history", REPOSITORY.resolve("contracts/src/main/resources/avro-history").toString())
        .directory(SUBSCRIBER.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the subscriber did not finish in 60 s; it printed: " + stdout.getNow(""));
    }
    String out = stdout.get(10, TimeUnit.SECONDS);
    assertThat(process.exitValue()).as("subscriber exit code; stdout:%n%s", out).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  /** npm ci from the committed package-lock.json when node_modules is absent (a fresh clone). */
  private static void installSubscriber() throws Exception {
    if (Files.isDirectory(SUBSCRIBER.resolve("node_modules/kafkajs")) && Files.isDirectory(SUBSCRIBER.resolve("node_modules/avsc"))) {
      return;
    }
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(SUBSCRIBER.toFile())
        .redirectErrorStream(true).start();
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(npm.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(npm.exitValue()).as("npm ci in %s:%n%s", SUBSCRIBER, output).isZero();
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
