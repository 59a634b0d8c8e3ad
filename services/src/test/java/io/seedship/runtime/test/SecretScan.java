package io.seedship.runtime.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where a service must never put a secret, read once: every record of every topic on the broker (key, value and
 * each header, read uncommitted so aborted records count too; dead letters carry exception messages in headers),
 * and the service's log file with what Logback rolled away ({@link ServiceLogs#readAll}) plus what the test captured
 * from the console. Each contract test brings its own secrets.
 */
public final class SecretScan {

  /** One key, value or header of one record, as ISO-8859-1 text: every byte is one character, so nothing is lost. */
  public record Field(String where, String text) {
  }

  private final List<Field> fields;
  private final int records;
  private final String log;

  private SecretScan(List<Field> fields, int records, String log) {
    this.fields = fields;
    this.records = records;
    this.log = log;
  }

  /**
   * Reads every topic to its end now, and the log file (with its rolled parts) and {@code capturedOutput};
   * {@code client} holds the bootstrap servers with TLS and identity ({@code KafkaTestBroker.client()}).
   */
  public static SecretScan read(Map<String, Object> client, Path logFile, String capturedOutput) {
    String bootstrap = String.valueOf(client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    List<Field> fields = new ArrayList<>();
    int records = 0;
    Map<String, Object> consumerSettings = new java.util.HashMap<>(client);
    consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (Admin admin = Admin.create(client);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings,
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Set<String> topics = admin.listTopics().names().get(); // internal topics (offsets, transactions) left out
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer.partitionsFor(topic, Duration.ofSeconds(10))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plusSeconds(60);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("could not read every topic to its end within 60 s: " + ends);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          records++;
          String where = record.topic() + "-" + record.partition() + "@" + record.offset();
          add(fields, where + " key", record.key());
          add(fields, where + " value", record.value());
          for (Header header : record.headers()) {
            add(fields, where + " header " + header.key(), header.value());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the topics", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot list the topics on " + bootstrap, e.getCause());
    }
    return new SecretScan(List.copyOf(fields), records, ServiceLogs.readAll(logFile) + capturedOutput);
  }

  /** Asserts that none of {@code secrets} is in any record or log line; a scan that read nothing proves nothing. */
  public SecretScan assertNoneOf(Collection<String> secrets) {
    assertThat(records).as("records read from the broker").isPositive();
    assertThat(log).as("the service's log").isNotBlank();
    assertThat(secrets).as("secrets to look for").isNotEmpty().doesNotContainNull();
    for (String secret : secrets) {
      // records hold bytes: compare with the secret's UTF-8 bytes, read the same way
      String asRecorded = new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      assertThat(fields).as("records holding the secret %s", secret)
          .filteredOn(field -> field.text().contains(asRecorded)).extracting(Field::where).isEmpty();
      assertThat(log).as("the service's log").doesNotContain(secret);
    }
    return this;
  }

  /** How many records were read. */
  public int records() {
    return records;
  }

  /** Every key, value and header read. */
  public List<Field> fields() {
    return fields;
  }

  /** The log file, its rolled parts and the captured output. */
  public String log() {
    return log;
  }

  private static void add(List<Field> fields, String where, byte[] bytes) {
    if (bytes != null) {
      fields.add(new Field(where, new String(bytes, StandardCharsets.ISO_8859_1)));
    }
  }
}
