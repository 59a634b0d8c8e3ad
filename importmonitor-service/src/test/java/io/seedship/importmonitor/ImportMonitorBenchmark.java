package io.seedship.importmonitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.importjob.ImportJobStateChanged;
import io.seedship.importmonitor.persistence.WatchStore;
import io.seedship.importmonitor.persistence.WatchedJob;
import io.seedship.importmonitor.watch.ImportJobPoller;
import io.seedship.importmonitor.watch.ReadBudget;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.importexport.Job;
import io.seedship.localazure.importexport.JobStore;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TestDatabases;
import io.seedship.runtime.test.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What watching many import jobs costs: N jobs in local-azure across a few resource groups, all watched by one
 * importmonitor-service with Azure's read budget (12,000 ARM reads an hour per subscription, local-azure enforcing it
 * and sending x-ms-ratelimit-remaining-subscription-reads), then jobs moving from Shipping to Received at random
 * moments. Prints ARM reads per hour and the delay from each change in Azure to its ImportJobStateChanged on Kafka
 * (broker timestamp): median, p99, max, for 1,000 and 10,000 jobs.
 *
 * <p>Time is compressed by {@code bench.speedup} (10): the budget, its window and the monitor's intervals are all
 * scaled by it, so a 4-minute run plays 40 minutes of Azure; figures are printed back at Azure's pace (reads per hour
 * divided by it, delays multiplied by it). What does not scale: local-azure's time to serve a page and the database's
 * time per poll, which the scaled delays therefore overstate by the speedup.
 *
 * <p>Not part of the test suite (surefire runs only *Test classes): {@code . scripts/java-home.sh && ./mvnw -B -pl
 * importmonitor-service -am test -Dtest=ImportMonitorBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Properties:
 * {@code bench.jobs} (1000,10000), {@code bench.groups} (5), {@code bench.pageSize} (20, local-azure's page),
 * {@code bench.changes} (300), {@code bench.seconds} (measurement, 180), {@code bench.speedup} (10).
 *
 * <p>Measured here (2 cores, 2026-12-02; 300 jobs moved Shipping to Received in 30 Azure minutes, all seen):
 * <pre>
 * page 20:   1,000 jobs  4,900 reads/h  delay median 19 s  p99 4m34s
 *           10,000 jobs  5,166 reads/h  delay median 2m50s p99 5m32s  (budget-bound: 100 pages a group poll)
 * page 100:  1,000 jobs  1,000 reads/h  delay median 20 s  p99 4m30s
 *           10,000 jobs  4,960 reads/h  delay median 36 s  p99 3m31s
 * </pre>
 * Reads grow with groups x pages, never past the monitor's share (6,000/h); once a subscription's groups need more
 * pages than that share allows at the fast pace, the pace slows and the delay grows instead. The p99 near 5 minutes
 * is the slow interval: the first job of an all-Shipping group to be Received is seen at that group's next slow poll.
 */
class ImportMonitorBenchmark {

  static final String SUBSCRIPTION = MonitorFixture.SUBSCRIPTION;
  static final ObjectMapper JSON = new ObjectMapper();

  final int groups = Integer.getInteger("bench.groups", 5);
  final int pageSize = Integer.getInteger("bench.pageSize", 20);
  final int changes = Integer.getInteger("bench.changes", 300);
  final int seconds = Integer.getInteger("bench.seconds", 180);
  final int speedup = Integer.getInteger("bench.speedup", 10);

  @Test
  void readsPerHourAndChangeToEventDelay() throws Exception {
    List<String> report = new ArrayList<>();
    for (String n : System.getProperty("bench.jobs", "1000,10000").split(",")) {
      report.add(run(Integer.parseInt(n.trim())));
    }
    System.out.println();
    System.out.println("importmonitor benchmark: " + groups + " resource groups, page size " + pageSize
        + ", read budget 12000/h per subscription (monitor's share 50%), fast PT30S / slow PT5M, time x" + speedup);
    report.forEach(System.out::println);
  }

  String run(int jobs) throws Exception {
    LocalAzure azure = TestLocalAzure.start("--local-azure.azurite.mode=none", "--local-azure.clock.rate=0",
        "--local-azure.import-export.page-size=" + pageSize, "--local-azure.faults.read-budget=12000",
        "--local-azure.faults.budget-window=" + Duration.ofHours(1).dividedBy(speedup));
    ConfigurableApplicationContext service = null;
    try {
      Map<String, Object> props = TestLocalAzure.serviceSettings(azure);
      props.put("spring.config.name", ImportmonitorServiceApplication.CONFIG_NAME);
      props.put("seedship.instance-id", "importmonitor-bench");
      props.put("seedship.importmonitor.read-budget", String.valueOf(12000 * speedup));
      props.put("seedship.importmonitor.budget-pause", Duration.ofMinutes(5).dividedBy(speedup).toString());
      props.put("seedship.importmonitor.fast-interval", Duration.ofSeconds(30).dividedBy(speedup).toString());
      props.put("seedship.importmonitor.slow-interval", Duration.ofMinutes(5).dividedBy(speedup).toString());
      props.put("seedship.importmonitor.page-size", String.valueOf(pageSize));
      props.put("seedship.importmonitor.tick", "PT0.1S");
      props.put("logging.level.io.seedship.importmonitor.watch", "WARN");
      service = ServiceRunner.start(ImportmonitorServiceApplication.class, "importmonitor-service",
          TestDatabases.h2("importmonitor-bench"), props);
      AzureClients clients = service.getBean(AzureClients.class);
      JobStore store = azure.bean(JobStore.class);
      WatchStore watch = service.getBean(WatchStore.class);
      TransactionTemplate tx = new TransactionTemplate(service.getBean(PlatformTransactionManager.class));
      JdbcTemplate db = service.getBean(JdbcTemplate.class);

      // N jobs in Shipping, spread over the groups, in local-azure's store and in the monitor's watch list
      String run = UUID.randomUUID().toString().substring(0, 6);
      List<String> rgs = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        rgs.add("bench-" + run + "-" + g);
        clients.resourceGroups(SUBSCRIPTION).ensure(rgs.get(g), "westus");
      }
      List<Job> all = new ArrayList<>();
      Map<String, String> seedOf = new HashMap<>();
      Instant now = Instant.now();
      for (int i = 0; i < jobs; i++) {
        String rg = rgs.get(i % groups);
        String name = "job-" + run + "-" + i;
        Job job = new Job(SUBSCRIPTION, rg, name, now, resource(rg, name, "Shipping"));
        store.put(job);
        all.add(job);
        seedOf.put(name, UUID.randomUUID().toString());
      }
      tx.executeWithoutResult(status -> {
        for (Job job : all) {
          String id = job.resource().path("id").asText();
          watch.watch(new WatchedJob(seedOf.get(job.name()), SUBSCRIPTION, job.resourceGroup(), job.name(), id, null,
              UUID.randomUUID().toString(), UUID.randomUUID().toString(), null, null, false, 0, 0),
              List.of("D-" + job.name()), Instant.now());
        }
      });

      // warm-up: every job seen once (its first events) and the outbox relayed
      Instant warm = Instant.now();
      while (db.queryForObject("select count(*) from watched_job where job_state is null", Integer.class) > 0
          || db.queryForObject("select count(*) from outbox_event where relayed_at is null", Integer.class) > 0) {
        Thread.sleep(500);
        if (Duration.between(warm, Instant.now()).toMinutes() > 10) {
          throw new AssertionError("warm-up did not end");
        }
      }
      Duration warmUp = Duration.between(warm, Instant.now());

      // measurement: `changes` jobs move Shipping -> Received at random moments
      ReadBudget budget = service.getBean(ReadBudget.class);
      ImportJobPoller poller = service.getBean(ImportJobPoller.class);
      long reads0 = budget.reads();
      long polls0 = poller.polls();
      Instant start = Instant.now();
      Random random = new Random(42);
      List<Job> shuffled = new ArrayList<>(all);
      Collections.shuffle(shuffled, random);
      long window = seconds * 1000L * 2 / 3; // the last third lets the last changes be seen
      List<Long> at = new ArrayList<>();
      for (int i = 0; i < changes; i++) {
        at.add((long) random.nextInt((int) window));
      }
      Collections.sort(at);
      Map<String, Instant> changedAt = new ConcurrentHashMap<>();
      for (int i = 0; i < changes; i++) {
        long wait = start.toEpochMilli() + at.get(i) - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
        Job job = shuffled.get(i);
        synchronized (store) {
          Job current = store.get(SUBSCRIPTION, job.resourceGroup(), job.name()).orElseThrow();
          ObjectNode changed = current.copy();
          ((ObjectNode) changed.get("properties")).put("state", "Received");
          store.put(current.with(changed));
        }
        changedAt.put(seedOf.get(job.name()), Instant.now());
      }
      long end = start.toEpochMilli() + seconds * 1000L - System.currentTimeMillis();
      if (end > 0) {
        Thread.sleep(end);
      }
      Duration measured = Duration.between(start, Instant.now());
      long reads = budget.reads() - reads0;
      long polls = poller.polls() - polls0;

      // the delays, from the broker's timestamps of the RECEIVED events
      List<Long> delays = new ArrayList<>();
      try (TopicReader reader = new TopicReader(KafkaTestBroker.client(), "seedship.importjob.events", true)) {
        for (ConsumerRecord<String, byte[]> r : reader.readFor(Duration.ofSeconds(10))) {
          Instant changed = changedAt.get(r.key());
          if (changed != null && TopicReader.decode(r) instanceof ImportJobStateChanged c
              && c.getState() == ImportJobState.RECEIVED) {
            delays.add(r.timestamp() - changed.toEpochMilli());
          }
        }
      }
      Collections.sort(delays);
      double hours = measured.toMillis() / 3_600_000.0 * speedup;
      String line = String.format(Locale.ROOT, "%6d jobs: %,8.0f ARM reads/h (%d reads, %d group polls in %s = %.0f"
              + " Azure minutes; warm-up %ss); change->event delay (Azure time) median %s, p99 %s, max %s; %d of %d"
              + " changes seen; remaining reads last said by Azure: %d",
          jobs, reads / hours, reads, polls, measured.withNanos(0), hours * 60, warmUp.toSeconds(),
          at(delays, 0.5), at(delays, 0.99), at(delays, 1.0), delays.size(), changes,
          budget.remaining(SUBSCRIPTION));
      System.out.println(line);
      return line;
    } finally {
      if (service != null) {
        service.close();
      }
      azure.close();
    }
  }

  String at(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return "-";
    }
    long ms = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) * speedup;
    return Duration.ofMillis(Math.max(0, ms)).withNanos(0).toString().substring(2).toLowerCase(Locale.ROOT);
  }

  static ObjectNode resource(String rg, String name, String state) {
    ObjectNode job = JSON.createObjectNode();
    job.put("id", "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + rg
        + "/providers/Microsoft.ImportExport/jobs/" + name);
    job.put("name", name);
    job.put("type", "Microsoft.ImportExport/jobs");
    job.put("location", "westus");
    ObjectNode p = job.putObject("properties");
    p.put("jobType", "Import");
    p.put("state", state);
    p.put("storageAccountId", "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + rg
        + "/providers/Microsoft.Storage/storageAccounts/benchacct");
    p.putArray("driveList").addObject().put("driveId", "D-" + name).put("state", "Specified");
    return job;
  }
}
