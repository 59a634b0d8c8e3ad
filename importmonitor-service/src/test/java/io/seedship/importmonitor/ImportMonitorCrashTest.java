package io.seedship.importmonitor;

import static io.seedship.importmonitor.MonitorFixture.MIB;
import static io.seedship.importmonitor.MonitorFixture.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.importjob.DriveCopyLogReported;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.importjobs.DeliveryPackage;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TestDatabases;
import io.seedship.runtime.testapp.publisher.PublisherTestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * importmonitor-service killed with SIGKILL (a child JVM) in the middle of the poll that sees each change of the job:
 * the moment it logs the change, inside the transaction that records it (so the kill lands just before its commit, or
 * between the commit and the relay to Kafka), and once more at a random moment; a new monitor then starts on the same
 * database. Each transition is still published exactly once, none is missing, in order.
 * The one state not killed in is Transferring: the copy runs in real time and would end while the monitor restarts,
 * so Azure itself would show the job Packaging before anyone could look (a poller cannot see a state it never lists).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportMonitorCrashTest {

  final Random random = new Random();
  ConfigurableApplicationContext publisherService;
  SeedEventPublisher publisher;
  ImportJobs jobs;
  String group;
  String accountId;
  Path home;
  final List<String> kills = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    MonitorFixture.azure();
    home = Files.createTempDirectory("importmonitor-crash");
    publisherService = ServiceRunner.start(PublisherTestApplication.class, "importmonitor-crash-publisher",
        TestDatabases.h2("importmonitor-crash-publisher"), MonitorFixture.azureSettings());
    publisher = publisherService.getBean(SeedEventPublisher.class);
    AzureClients clients = publisherService.getBean(AzureClients.class);
    group = "imc-" + UUID.randomUUID().toString().substring(0, 8);
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    accountId = clients.storage(SUBSCRIPTION).ensure(group,
        "imc" + UUID.randomUUID().toString().replace("-", "").substring(0, 13), "westus").id();
    jobs = clients.importJobs(SUBSCRIPTION);
  }

  @AfterAll
  void stop() {
    if (publisherService != null) {
      publisherService.close();
    }
  }

  @Test
  @Timeout(900)
  void killedAroundEveryChangeTheMonitorPublishesEachTransitionExactlyOnce() throws Exception {
    String seed = UUID.randomUUID().toString();
    String driveId = "IMKILL" + seed.substring(0, 6).toUpperCase();
    String name = "imkill-" + seed.substring(0, 8);
    MonitorFixture.Drive drive = MonitorFixture.writeDrive(driveId, "seeds", 256 * MIB, 48 * MIB);
    Process child = startChild();
    try {
      MonitorFixture.created(jobs, publisher, seed, group, accountId, name, drive);
      child = killWhenLogged(child, name + ": job null -> CREATING");
      ImportMonitorContract.awaitState(seed, ImportJobState.CREATING);

      jobs.ship(group, name, new DeliveryPackage("FedEx", "7946447901" + random.nextInt(90) + 10, 1,
          LocalDate.now(ZoneOffset.UTC)));
      // this time just after the commit, while the relay may still be sending the events to Kafka
      child = killWhenLogged(child, group + ": ", " event(s) committed", name + ": job CREATING -> SHIPPING");
      ImportMonitorContract.awaitState(seed, ImportJobState.SHIPPING);

      MonitorFixture.handOver(drive);
      MonitorFixture.advance(Duration.ofDays(2));
      child = killWhenLogged(child, name + ": job SHIPPING -> RECEIVED");
      ImportMonitorContract.awaitState(seed, ImportJobState.RECEIVED);

      MonitorFixture.advance(Duration.ofDays(1));
      ImportMonitorContract.awaitState(seed, ImportJobState.TRANSFERRING);
      ImportMonitorContract.awaitState(seed, ImportJobState.PACKAGING);
      child = killAt(child, random.nextInt(1000), "while Packaging, nothing changing");

      MonitorFixture.advance(Duration.ofDays(2));
      child = killWhenLogged(child, group + ": ", " event(s) committed", name + ": job PACKAGING -> COMPLETED");
      ImportMonitorContract.await(seed, ImportJobFinished.class, f -> true);
      ImportMonitorContract.await(seed, DriveCopyLogReported.class, f -> true);

      System.out.println("kills: " + kills);
      ImportMonitorContract.assertExactlyOnce(seed, driveId, ImportJobOutcome.COMPLETED);
      assertThat(ImportMonitorContract.events(seed, DriveCopyLogReported.class)).hasSize(1);
    } finally {
      child.destroyForcibly();
    }
  }

  /** SIGKILL the moment the child commits the poll that logged {@code change}, then a new monitor. */
  Process killWhenLogged(Process child, String groupPrefix, String committed, String change) throws Exception {
    int before = occurrences(committed);
    java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(120));
    while (occurrences(change) == 0 || occurrences(committed) <= before) {
      assertThat(java.time.Instant.now()).as("the monitor commits '%s'", change).isBefore(deadline);
      Thread.sleep(2);
    }
    return killAt(child, 0, "after committing '" + change + "'");
  }

  /** SIGKILL the moment the child logs {@code line} (once more than before), then a new monitor. */
  Process killWhenLogged(Process child, String line) throws Exception {
    int before = occurrences(line);
    java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(120));
    while (occurrences(line) <= before) {
      assertThat(java.time.Instant.now()).as("the monitor logs '%s'", line).isBefore(deadline);
      Thread.sleep(2);
    }
    return killAt(child, 0, "on '" + line + "'");
  }

  /** SIGKILL after {@code delay} ms, then a new monitor on the same database, started before this returns. */
  Process killAt(Process child, int delay, String when) throws Exception {
    Thread.sleep(delay);
    child.destroyForcibly(); // SIGKILL: no shutdown hook, the group's claim kept, a Kafka transaction left open
    child.waitFor();
    kills.add(when + (delay > 0 ? " +" + delay + " ms" : ""));
    return startChild();
  }

  int occurrences(String line) throws java.io.IOException {
    Path out = home.resolve("child.out");
    if (!Files.exists(out)) {
      return 0;
    }
    String text = Files.readString(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    int count = 0;
    for (int i = text.indexOf(line); i >= 0; i = text.indexOf(line, i + 1)) {
      count++;
    }
    return count;
  }

  Process startChild() throws Exception {
    Map<String, Object> settings = new HashMap<>(MonitorFixture.monitorSettings());
    settings.put("seedship.instance-id", "importmonitor-crash");
    settings.put("seedship.data-dir", home.resolve("data").toString());
    settings.put("logging.file.name", home.resolve("importmonitor-service.log").toString());
    // the killed instance leaves a Kafka transaction open; a short timeout lets the broker abort it soon
    settings.put("spring.cloud.stream.kafka.binder.transaction.producer.configuration.transaction.timeout.ms",
        "10000");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        ImportmonitorServiceApplication.class.getName(), "--spring.application.name=importmonitor-service",
        "--server.port=0",
        "--seedship.topics.partitions=3",
        "--spring.cloud.stream.kafka.binder.configuration.session.timeout.ms=6000"));
    KafkaTestBroker.serviceSettings("importmonitor-service").forEach((k, v) -> command.add("--" + k + "=" + v));
    settings.forEach((k, v) -> command.add("--" + k + "=" + v));
    int started = occurrences("Started ImportmonitorServiceApplication");
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("child.out").toFile())).start();
    java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(120));
    while (occurrences("Started ImportmonitorServiceApplication") <= started) {
      assertThat(child.isAlive()).as("the monitor is starting; see %s", home.resolve("child.out")).isTrue();
      assertThat(java.time.Instant.now()).as("the monitor started").isBefore(deadline);
      Thread.sleep(50);
    }
    return child;
  }
}
