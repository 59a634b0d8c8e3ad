package io.seedship.e2e;

import io.seedship.contracts.Topics;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.runtime.broker.BrokerCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What surrounds Seedship for the seeds an operator requests by hand on {@code ./seedship-local --keep-running}
 * (with the {@code seedship} command, following the README): each backup server's admin, who sets its agent up for
 * offline seeding once the seed is accepted; the carrier, who takes the registered package to local-azure's
 * datacenter; and the calendar, which moves local-azure's clock over transit, receiving, packaging and until the next
 * scheduled backup. The operator's own part (drives, confirmation, shipment) is left to the operator. Only seeds
 * requested after it starts.
 */
final class LocalWorld implements AutoCloseable {

  private final LocalSeedship local;
  private final Path home;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, LocalSeed.Operator> seeds = new HashMap<>();
  private final Thread thread;

  private LocalWorld(LocalSeedship local, Path home) {
    this.local = local;
    this.home = home;
    Map<String, Object> config = new HashMap<>(local.clientProperties(BrokerCredentials.SRE));
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.STAGING_EVENTS.name(), Topics.DISKPREP_EVENTS.name(),
        Topics.SHIPPING_EVENTS.name(), Topics.IMPORTJOB_EVENTS.name(), Topics.VAULT_EVENTS.name(),
        Topics.SEED_OUTCOMES.name())) {
      consumer.partitionsFor(topic, Duration.ofSeconds(10))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // fixes "the end" now, before any seed is requested
    thread = new Thread(this::run, "local-world");
    thread.setDaemon(true);
  }

  static LocalWorld start(LocalSeedship local, Path home) {
    LocalWorld world = new LocalWorld(local, home);
    world.thread.start();
    return world;
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          try {
            on(record.key(), SeedshipCodec.instance().decode(record.value()));
          } catch (RuntimeException e) {
            System.out.println("  local world: " + record.key() + ": " + e.getMessage());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  private void on(String seedId, SpecificRecord event) {
    if (event instanceof SeedAccepted accepted) {
      var request = accepted.getRequest();
      LocalSeed.registerBackupAgent(local, request.getBackupServer(), request.getImportJobName(), seedId);
      seeds.put(seedId, new LocalSeed.Operator(home.resolve(LocalSeed.BAY), home.resolve(LocalSeed.DOCK), seedId,
          LocalSeed.Plan.STANDARD, false, local.port("diskprep-service"), local.port("shipping-service"),
          local.azure(), null));
      System.out.printf("  %-15s seed %s (%s): backup agent of %s set up for offline seeding%n", "local world",
          seedId, request.getImportJobName(), request.getBackupServer());
      return;
    }
    LocalSeed.Operator world = seeds.get(seedId);
    if (world != null) {
      world.on(event);
      if (event instanceof SeedCompleted || event instanceof SeedFailed) {
        seeds.remove(seedId);
        System.out.printf("  %-15s seed %s %s%n", "local world", seedId,
            event instanceof SeedCompleted ? "COMPLETED" : "ended: " + ((SeedFailed) event).getReason());
      }
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
  }
}
