package io.seedship.runtime.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan finds a secret in a record's header, in its key, in a rolled (gzipped) log file and in the console. */
class SecretScanTest {

  @TempDir
  Path logs;

  @Test
  void findsASecretWhereverItWasLeft() throws Exception {
    Map<String, Object> kafka = KafkaTestBroker.client();
    String topic = "secret-scan-" + UUID.randomUUID();
    String inHeader = "header-secret-" + UUID.randomUUID();
    String inKey = "key-secret-" + UUID.randomUUID();
    String inRolledLog = "rolled-secret-" + UUID.randomUUID();
    String onConsole = "console-secret-" + UUID.randomUUID();
    try (Admin admin = Admin.create(kafka)) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        kafka, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes(inKey), bytes("a harmless value"));
      record.headers().add("x-exception-message", bytes("failed with " + inHeader));
      producer.send(record).get();
    }
    Path logFile = logs.resolve("some-service.log");
    Files.writeString(logFile, "started\n");
    Path rolled = logs.resolve("some-service.log.2026-12-01.0.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(rolled))) {
      out.write(bytes("yesterday: " + inRolledLog + "\n"));
    }

    SecretScan scan = SecretScan.read(kafka, logFile, "console: " + onConsole);

    scan.assertNoneOf(List.of("never-written-" + UUID.randomUUID()));
    for (String secret : List.of(inHeader, inKey, inRolledLog, onConsole)) {
      assertThatThrownBy(() -> scan.assertNoneOf(List.of(secret))).as(secret).isInstanceOf(AssertionError.class);
    }
    assertThat(scan.fields()).extracting(SecretScan.Field::where)
        .anyMatch(where -> where.startsWith(topic + "-") && where.endsWith("header x-exception-message"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
