package io.seedship.e2e;

import io.seedship.runtime.broker.LocalBroker;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.contracts.outcome.SeedCompleted;

import io.seedship.cert.CertServiceApplication;
import io.seedship.diskprep.DiskprepServiceApplication;
import io.seedship.importmonitor.ImportmonitorServiceApplication;
import io.seedship.shipping.ShippingServiceApplication;
import io.seedship.staging.StagingServiceApplication;
import io.seedship.vault.VaultServiceApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Seedship on one machine, no containers: a real KRaft broker in this process, keeping its data in
 * {@code <home>/kafka}, and every service as its own Spring application with its own embedded H2 file database under
 * {@code <home>/data} and its own log file, {@code <home>/logs/<service>.log}. The broker wants mutual TLS and
 * grants each principal only what {@code BrokerAcls} says: every service connects as itself (its key store from
 * {@code <home>/kafka/credentials}), the run's reader of its seed's events as {@code sre} (as {@code seedship events
 * tail} reads), and tests as {@code admin} ({@link #clientProperties}).
 *
 * <p>{@code ./seedship-local} runs it: it starts everything, prints each service's health, and stops (or keeps running
 * with {@code --keep-running}).
 */
public final class LocalSeedship implements AutoCloseable {

  public static final Map<String, Class<?>> SERVICES = new LinkedHashMap<>();

  static {
    SERVICES.put("cert-service", CertServiceApplication.class);
    SERVICES.put("staging-service", StagingServiceApplication.class);
    SERVICES.put("diskprep-service", DiskprepServiceApplication.class);
    SERVICES.put("shipping-service", ShippingServiceApplication.class);
    SERVICES.put("importmonitor-service", ImportmonitorServiceApplication.class);
    SERVICES.put("vault-service", VaultServiceApplication.class);
  }

  /** The {@code seedship} command's configuration in the run's home. */
  public static final String CLI_CONFIG = "cli.properties";
  /** With --keep-running: a seed request for this setup, but for the seed's own fields (README). */
  public static final String REQUEST_TEMPLATE = "request.json";

  private final LocalBroker broker;
  private final Map<String, ConfigurableApplicationContext> running = new LinkedHashMap<>();
  private LocalAzure azure;

  private LocalSeedship(LocalBroker broker) {
    this.broker = broker;
  }

  /** Starts a broker and every service; on any failure, stops what started and throws. */
  public static LocalSeedship start(Path home, Map<String, String> extra) {
    ServiceLogs.configure(home.resolve("logs"));
    LocalBroker broker = ServiceLogs.startAs("kafka", () -> LocalBroker.start(home.resolve("kafka")));
    LocalSeedship local = new LocalSeedship(broker);
    try {
      // Azure for the services: local-azure in this process (Azurite starts at the first storage account)
      local.azure = ServiceLogs.startAs("local-azure", () -> LocalAzure.start("--server.port=0",
          "--local-azure.data-dir=" + home.resolve("local-azure").toAbsolutePath(),
          "--local-azure.import-export.datacenter.dock-dir=" + home.resolve(LocalSeed.DOCK).toAbsolutePath(),
          "--spring.main.banner-mode=off"));
      LocalAzureProperties azureSettings = local.azure.properties();
      for (var service : SERVICES.entrySet()) {
        List<String> args = new ArrayList<>(List.of(
            "--spring.config.name=" + service.getKey(), // each service's own <name>.yml, not a shared application.yml
            "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
            "--seedship.data-dir=" + home.resolve("data").toAbsolutePath(),
            "--seedship.topics.partitions=3",
            "--server.port=0",
            "--seedship.azure.cloud=LOCAL",
            "--seedship.azure.local-endpoint=" + local.azure.armEndpoint(),
            "--seedship.azure.tenant-id=" + azureSettings.getTenantId(),
            "--seedship.azure.trust-store=" + local.azure.certificates().trustStore(),
            "--seedship.azure.client-id=" + azureSettings.getApp().getClientId(),
            "--seedship.azure.client-secret=" + azureSettings.getApp().getClientSecret(),
            // cert-service seals private keys under a key-encryption key: on one machine, a mode-600 file it creates
            "--seedship.cert.kek-file=" + home.resolve("data").resolve("cert-kek").toAbsolutePath(),
            "--seedship.cert.generate-kek-file=true",
            "--seedship.cert.default-azure-user-id=" + azureSettings.getUser().getObjectId(),
            // the disk-prep agent of this machine: its drives are image files in the bay (the run attaches them)
            "--seedship.diskprep.copy-machine=" + LocalSeed.COPY_MACHINE,
            "--seedship.diskprep.image-bay=" + home.resolve(LocalSeed.BAY).toAbsolutePath(),
            "--seedship.diskprep.system-drives=false",
            "--seedship.diskprep.allow-virtual-drives=true",
            // one seed on one machine: look at its import job every second, not at Azure's pace
            "--seedship.importmonitor.fast-interval=PT1S",
            "--seedship.importmonitor.slow-interval=PT1S",
            "--seedship.vault.poll-interval=PT1S",
            // local-azure's clock jumps days at a time here: deadlines look at it every second
            "--seedship.shipping.deadline-recheck=PT1S"));
        // Kafka as itself: mutual TLS with its own certificate (CN = the service's name), which the broker's ACLs
        // know (BrokerAcls); Spring Boot hands these to every Kafka client, the binder's included
        broker.credentials().springProperties(service.getKey()).forEach((k, v) -> args.add("--" + k + "=" + v));
        extra.forEach((k, v) -> args.add("--" + k + "=" + v));
        local.running.put(service.getKey(), ServiceLogs.startAs(service.getKey(),
            () -> new SpringApplicationBuilder(service.getValue()).run(args.toArray(String[]::new))));
      }
      local.writeCliConfig(home.resolve(CLI_CONFIG));
      return local;
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /**
   * Kafka client settings (bootstrap servers, TLS identity) to connect as {@code principal}: {@code admin} (a super
   * user: tests and the run's own readers), a service's name, or {@code subscriber}.
   */
  public Map<String, Object> clientProperties(String principal) {
    return broker.clientProperties(principal);
  }

  /** The broker's credentials directory (CA, key stores, passwords; mode 700). */
  public io.seedship.runtime.broker.BrokerCredentials brokerCredentials() {
    return broker.credentials();
  }

  /** The local Azure the services talk to. */
  public LocalAzure azure() {
    return azure;
  }

  public Map<String, ConfigurableApplicationContext> services() {
    return Map.copyOf(running);
  }

  /** Each service's health status, e.g. UP. */
  public Map<String, String> health() {
    Map<String, String> health = new LinkedHashMap<>();
    running.forEach((name, context) ->
        health.put(name, context.getBean(HealthEndpoint.class).health().getStatus().getCode()));
    return health;
  }

  /**
   * The {@code seedship} command's configuration for this run (mode 600; {@code ./seedship} finds it): local-azure as
   * the authority and its trust store, each service's URL, and the broker as the SRE tools (every topic read,
   * re-deliveries written to {@code seedship.replay} only: the one identity for every command of a local run; a
   * deployment gives operators the subscriber's).
   */
  void writeCliConfig(Path file) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("tenant-id", azure.properties().getTenantId());
    p.setProperty("authority-host", azure.authorityHost());
    p.setProperty("api-scope", azure.properties().getSeedshipApi().getAppIdUri() + "/.default");
    // the public client `login --device-code` signs in through (a person's sign-in; local-azure takes any client it knows)
    p.setProperty("cli-client-id", azure.properties().getApp().getClientId());
    p.setProperty("trust-store", azure.certificates().trustStore().toString());
    p.setProperty("trust-store-password", new io.seedship.runtime.azure.AzureProperties().getTrustStorePassword());
    running.keySet().forEach(name -> p.setProperty("url." + name, "http://localhost:" + port(name)));
    clientProperties(io.seedship.runtime.broker.BrokerCredentials.SRE)
        .forEach((k, v) -> p.setProperty("kafka." + k, String.valueOf(v)));
    try {
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.deleteIfExists(file);
      java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      try (var out = java.nio.file.Files.newOutputStream(file)) {
        p.store(out, "the seedship command's configuration for ./seedship-local's run (holds a key store password)");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file, e);
    }
  }

  public int port(String service) {
    return Integer.parseInt(running.get(service).getEnvironment().getProperty("local.server.port", "-1"));
  }

  @Override
  public void close() {
    List<String> names = new ArrayList<>(running.keySet());
    java.util.Collections.reverse(names);
    names.forEach(n -> running.remove(n).close());
    if (azure != null) {
      azure.close();
    }
    broker.close();
  }

  /**
   * {@code ./seedship-local [--source DIR] [--keep-running]}: starts everything, then runs one seed through the stages
   * Seedship has (intake, server preparation, staging, disk prep up to the import job, the shipment, the import and its
   * verification, the vault's recovery point, restored and checked) on DIR, or on a generated sample tree.
   */
  public static void main(String[] args) throws InterruptedException, java.io.IOException {
    List<String> arguments = List.of(args);
    boolean keepRunning = arguments.contains("--keep-running");
    int sourceAt = arguments.indexOf("--source");
    Path home = Path.of(System.getProperty("seedship.home", ".seedship/local")).toAbsolutePath();
    Path source = sourceAt >= 0 && sourceAt + 1 < args.length ? Path.of(args[sourceAt + 1])
        : LocalSeed.sampleSource(home.resolve("sample-source"));
    // the console shows the seed's events; each service logs to its own file under <home>/logs (ServiceLogs)
    // staging-service may use this run's home (staging, publish settings) and the source, nothing else
    try (LocalSeedship local = start(home, Map.of("spring.main.banner-mode", "off",
        "seedship.staging.allowed-roots", home + "," + source.toAbsolutePath()))) {
      System.out.println();
      System.out.println("Seedship is running on one machine. Kafka (KRaft): " + local.bootstrapServers());
      System.out.printf("%-24s %-8s %s%n", "service", "health", "actuator");
      local.health().forEach((name, status) -> System.out.printf("%-24s %-8s http://localhost:%d/actuator/health%n",
          name, status, local.port(name)));
      System.out.printf("%-24s %-8s %s%n", "local-azure", "UP", local.azure().armEndpoint());
      System.out.println("Each service logs to " + home.resolve("logs") + "/<service>.log; errors show here too.");
      boolean allUp = local.health().values().stream().allMatch("UP"::equals);

      System.out.println();
      System.out.println("Seeding " + source.toAbsolutePath() + " (staging location " + home.resolve("staging") + ")");
      LocalSeed.Outcome outcome = LocalSeed.run(local, home, source, java.time.Duration.ofMinutes(30),
          event -> System.out.println("  " + LocalSeed.describe(event)));
      System.out.println();
      if (outcome.completed()) {
        SeedCompleted completed = (SeedCompleted) outcome.last();
        System.out.println("Seed " + outcome.seedId() + " is complete: staged, written to BitLocker drives, shipped,"
            + " imported, verified against staging, made a recovery point in vault " + completed.getVaultId()
            + ", restored from it and checked file by file; " + completed.getBackupServer()
            + " now backs up incrementally on top of it.");
        System.out.println();
        System.out.println("Timeline (as the services saw it; local-azure's clock jumped the days of transit and"
            + " import):");
        LocalSeed.timeline(completed).forEach(line -> System.out.println("  " + line));
        System.out.println();
        System.out.println("Where things are:");
        outcome.events().stream().filter(e -> e instanceof io.seedship.contracts.staging.StagingCompleted).findFirst()
            .ifPresent(e -> System.out.println("  staged data      " + Path.of(
                ((io.seedship.contracts.staging.StagingCompleted) e).getManifestPath()).getParent()));
        System.out.println("  drives (images)  " + home.resolve(LocalSeed.BAY)
            + "  (recovery password: POST http://localhost:" + local.port("diskprep-service")
            + "/api/drives/<serial>/recovery-password)");
        System.out.println("  server files     " + home.resolve("data/cert-service/server-files")
            .resolve(completed.getBackupServer()) + "  (certificate: POST http://localhost:"
            + local.port("cert-service") + "/api/certificates/<thumbprint>/export)");
        System.out.println("  service logs     " + home.resolve("logs"));
        System.out.println("  events           Kafka " + local.bootstrapServers() + ", data in " + home.resolve("kafka")
            + " (seed " + outcome.seedId() + " on every seedship.* topic)");
        System.out.println("  tokens           " + local.azure().armEndpoint() + local.azure().properties().getTenantId()
            + "/oauth2/v2.0/token (client credentials, scope api://seedship/.default; trust store "
            + local.azure().certificates().trustStore() + "): the key custodian's client for the two POSTs above, "
            + "README \"Who may do what\"");
        System.out.println("  Kafka identities " + local.brokerCredentials().directory() + "  (mutual TLS: admin.p12,"
            + " <service>.p12, subscriber.pem and subscriber-key.pem with ca.pem; passwords in passwords.properties)");
        System.out.println("  seedship command " + home.resolve(CLI_CONFIG) + "  (with --keep-running: ./seedship login,"
            + " then ./seedship status; README \"The seedship command\")");
      }
      if (keepRunning) {
        Path template = home.resolve(REQUEST_TEMPLATE);
        java.nio.file.Files.writeString(template, LocalSeed.requestTemplate(local, home).toPrettyString());
        LocalWorld.start(local, home);
        System.out.println();
        System.out.println("Your own seed, with the seedship command (README \"The seedship command\"): "
            + template + " holds a request for this setup but the seed's own fields; the backup servers' admins, "
            + "the carrier and the calendar are played for you, the operator's part is yours:");
        System.out.println("  ./seedship seed request -f " + template + " --import-job-name my-seed-1 --source "
            + home.resolve("sample-source") + " --set backupServer=mars-01   # a source under " + home);
        System.out.println("  truncate -s 1G " + home.resolve(LocalSeed.BAY) + "/MY-DRIVE-1.img   # a blank drive in "
            + "copy machine " + LocalSeed.COPY_MACHINE + "'s bay");
        System.out.println("  ./seedship drives list; ./seedship drives confirm <seed id> MY-DRIVE-1");
        System.out.println("  ./seedship seed show <seed id>   # AWAITING_SHIPMENT: then ship it");
        System.out.println("  ./seedship ship <seed id> --carrier FedEx --tracking-number 1Z001 --drive-count 1");
        System.out.println("  ./seedship seed watch <seed id>");
        System.out.println("Ctrl-C stops it.");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
      }
      if (!allUp || !outcome.completed()) {
        System.exit(1);
      }
    }
  }
}
