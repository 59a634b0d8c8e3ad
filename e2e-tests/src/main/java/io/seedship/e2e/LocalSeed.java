package io.seedship.e2e;

import io.seedship.contracts.Topics;
import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.diskprep.DriveFormatConfirmed;
import io.seedship.contracts.diskprep.DriveFormatRefused;
import io.seedship.contracts.diskprep.DriveInventoryReported;
import io.seedship.contracts.diskprep.DrivePrepared;
import io.seedship.contracts.diskprep.DriveWriteProgress;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.diskprep.MoreDrivesNeeded;
import io.seedship.contracts.importjob.DriveCopyLogReported;
import io.seedship.contracts.importjob.DriveStateChanged;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.contracts.importjob.ImportJobProgress;
import io.seedship.contracts.importjob.ImportJobStateChanged;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.vault.ImportedDataDeleted;
import io.seedship.contracts.vault.IncrementalBackupsScheduled;
import io.seedship.contracts.vault.VaultCopyProgress;
import io.seedship.contracts.vault.VaultSeeded;
import io.seedship.localazure.recoveryservices.Backups;
import io.seedship.localazure.datacenter.DatacenterController;
import io.seedship.contracts.shipping.ArrivalDeadlineExpired;
import io.seedship.contracts.shipping.ArrivalDeadlineWarning;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalTime;
import java.time.ZoneOffset;
import io.seedship.contracts.shipping.ShipmentRefused;
import io.seedship.contracts.shipping.ShipmentRegistered;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.vault.ImportVerified;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.clock.VirtualClock;
import io.seedship.runtime.azure.AzureClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One seed through the stages Seedship has today, on a {@link LocalSeedship}: the request goes on the commands topic
 * as an operator's would; staging-service accepts it, cert-service prepares the backup server against local-azure,
 * staging-service writes the compressed initial backup; then the disk-prep agent offers drives, and this runner plays
 * the operator at the copy machine: it attaches drives (sparse image files in the agent's image bay) when the agent
 * asks for more, and confirms the eligible ones by serial; the agent writes them and creates the import job; then it
 * registers the package with shipping-service (carrier, tracking number, drive count, ship date), which puts the job
 * in Shipping. Every event of the seed is handed to {@code events}.
 */
public final class LocalSeed {

  /** local-azure's Seedship API client the run signs in as: it holds the operator role. */
  static final String OPERATOR_CLIENT = "seedship-operator";
  /** The copy machine of the local run, and its image bay under the local home. */
  public static final String COPY_MACHINE = "copy-local";
  static final String BAY = "drives";
  /** Where local-azure's import datacenter receives drives (the carrier's delivery). */
  static final String DOCK = "dock";
  static final String RESOURCE_GROUP = "seedship-local";
  static final String STORAGE_ACCOUNT = "seedshiplocal";
  static final String CONTAINER = "initial-backup";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The Recovery Services vault the seeds' backup servers are registered with. */
  static final String VAULT = "seedship-local-vault";
  /** When the backup servers' agents back up each day (UTC, on local-azure's clock). */
  static final LocalTime BACKUP_TIME = LocalTime.of(22, 0);

  /** How the operator and the world treat the seed's package. */
  public enum Plan {
    /** The documented journey, local-azure's clock moved over each wait (transit, receiving, packaging, the backup). */
    STANDARD,
    /** As STANDARD, with nobody moving the clock: it runs by itself (a rate set by the caller), for many seeds at once. */
    RUNNING_CLOCK,
    /** The carrier loses the package: the arrival deadline is warned of and passes, Azure closes the job. */
    LOST_PACKAGE,
    /** The datacenter reads one block of the first drive damaged (its MD5 no longer matches). */
    CORRUPTED_BLOCK,
    /** The drives are prepared and the import job created, and nobody ships them: the seed waits (to be cancelled). */
    UNSHIPPED
  }

  /** How the seed ended: SeedCompleted, or the SeedFailed (or ShipmentRefused) that stopped it. */
  public record Outcome(String seedId, SpecificRecord last, List<SpecificRecord> events) {
    /** The seed is a recovery point in the vault, restored and checked, and the server backs up incrementally. */
    public boolean completed() {
      return last instanceof SeedCompleted;
    }

    /** What the import put in the storage account is what staging wrote. */
    public boolean verified() {
      return events.stream().anyMatch(e -> e instanceof ImportVerified);
    }

    /** The import job ended with every drive imported. */
    public boolean imported() {
      return events.stream().anyMatch(e -> e instanceof ImportJobFinished f
          && f.getOutcome() == ImportJobOutcome.COMPLETED);
    }

    public boolean shipped() {
      return events.stream().anyMatch(e -> e instanceof ShipmentRegistered);
    }

    public boolean prepared() {
      return events.stream().anyMatch(e -> e instanceof ImportJobCreated);
    }

    public boolean staged() {
      return prepared() || events.stream().anyMatch(e -> e instanceof StagingCompleted);
    }
  }

  private LocalSeed() {
  }

  public static Outcome run(LocalSeedship local, Path home, Path source, Duration timeout,
                            Consumer<SpecificRecord> events) {
    return run(local, home, source, Plan.STANDARD, timeout, events);
  }

  public static Outcome run(LocalSeedship local, Path home, Path source, Plan plan, Duration timeout,
                            Consumer<SpecificRecord> events) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String server = "mars-" + run;
    ObjectNode request = requestTemplate(local, home).put("importJobName", "seed-" + run)
        .put("sourcePath", source.toAbsolutePath().toString()).put("backupServer", server)
        .put("requestedBy", "seedship-local");
    // the operator requests the seed over staging-service's API, as any client does
    // the operator signs in to Seedship's APIs (Entra's client credentials, here local-azure's) with the operator role
    ApiSignIn signedIn = ApiSignIn.as(local.azure(), OPERATOR_CLIENT);
    String seedId = Http.post(local.port("staging-service"), "/api/seeds", request, signedIn).get("seedId").asText();
    registerBackupAgent(local, server, "seed-" + run, seedId);
    Operator operator = new Operator(home.resolve(BAY), home.resolve(DOCK), seedId, plan, true,
        local.port("diskprep-service"), local.port("shipping-service"), local.azure(), signedIn);
    // the seed's events as the seedship command's SRE tools read them: the sre identity, no consumer group
    return follow(local.clientProperties(io.seedship.runtime.broker.BrokerCredentials.SRE), seedId, timeout,
        events.andThen(operator::on));
  }

  /**
   * A seed request for this local Seedship with every field but the seed's own ({@code importJobName},
   * {@code sourcePath}, {@code backupServer}): the publish-settings file, the subscription, the storage account, its
   * container and the vault (made here if missing, as a customer has them before seeding), the staging location under
   * {@code home}, the return address and carrier, the copy machine.
   */
  public static ObjectNode requestTemplate(LocalSeedship local, Path home) {
    try {
      Path staging = Files.createDirectories(home.resolve("staging"));
      String subscription = subscription(local);
      Path publishSettings = home.resolve("local.publishsettings");
      // the classic portal's file; the management certificate is a placeholder: Seedship never reads it. Written
      // aside and moved in, since seeds started together share it
      Path written = Files.createTempFile(home, "local", ".publishsettings");
      Files.writeString(written, """
          <?xml version="1.0" encoding="utf-8"?>
          <PublishData>
            <PublishProfile SchemaVersion="2.0" PublishMethod="AzureServiceManagementAPI">
              <Subscription ServiceManagementUrl="%s" Id="%s" Name="local-azure" ManagementCertificate="bm90LXVzZWQ=" />
            </PublishProfile>
          </PublishData>
          """.formatted(local.azure().armEndpoint(), subscription));
      Files.move(written, publishSettings, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      ObjectNode request = JSON.createObjectNode()
          .put("stagingLocation", staging.toAbsolutePath().toString())
          .put("publishSettingsFile", publishSettings.toAbsolutePath().toString())
          .put("subscriptionId", subscription)
          .put("resourceGroup", RESOURCE_GROUP).put("storageAccount", STORAGE_ACCOUNT).put("container", CONTAINER)
          .put("cloud", "LOCAL").put("azureUserId", local.azure().properties().getUser().getObjectId())
          .put("workloadType", "MARS_FILES_AND_FOLDERS").put("copyMachine", COPY_MACHINE);
      request.putObject("returnAddress").put("recipientName", "Seedship operator")
          .put("streetAddress1", "1 Datacenter Way").put("city", "Redmond").put("stateOrProvince", "WA")
          .put("postalCode", "98052").put("countryOrRegion", "US").put("phone", "+1 425 555 0100")
          .put("email", "operator@seedship.local");
      request.putObject("returnShipping").put("carrierName", "FedEx").put("carrierAccountNumber", "000000000");
      // the customer's storage account, which the import job writes into, exists before a seed is requested
      var azure = local.services().get("diskprep-service").getBean(AzureClients.class);
      azure.resourceGroups(subscription).ensure(RESOURCE_GROUP, "westus");
      azure.storage(subscription).ensure(RESOURCE_GROUP, STORAGE_ACCOUNT, "westus");
      // ... and so does the vault the backup server is registered with
      azure.recoveryVaults(subscription).ensure(RESOURCE_GROUP, VAULT, "westus");
      return request;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The server's admin sets up its backup agent for offline seeding (the MARS wizard): the import job, the storage
   * account and the container its seed arrives in, and the agent's daily backup time.
   */
  static void registerBackupAgent(LocalSeedship local, String server, String importJobName, String seedId) {
    String subscription = subscription(local);
    var azure = local.services().get("diskprep-service").getBean(AzureClients.class);
    ObjectNode agent = JSON.createObjectNode()
        .put("vaultId", azure.recoveryVaults(subscription).ensure(RESOURCE_GROUP, VAULT, "westus").id());
    agent.putArray("scheduleTimes").add(BACKUP_TIME.toString());
    agent.putObject("offlineSeeding").put("importJobName", importJobName)
        .put("storageAccountId", azure.storage(subscription).get(RESOURCE_GROUP, STORAGE_ACCOUNT).id())
        .put("container", CONTAINER).put("blobPrefix", seedId + "/");
    local.azure().bean(Backups.class).register(server, agent);
  }

  private static String subscription(LocalSeedship local) {
    return local.azure().properties().getSubscriptions().isEmpty()
        ? "5eed5417-0000-4000-8000-000000000001" : local.azure().properties().getSubscriptions().getFirst();
  }

  /** A small tree to seed when none is given: text that compresses, random data that does not, nested folders. */
  public static Path sampleSource(Path dir) {
    return sampleSource(dir, 3 << 20);
  }

  /** The sample tree with {@code randomBytesPerProject} of incompressible data in each of its four projects. */
  public static Path sampleSource(Path dir, int randomBytesPerProject) {
    try {
      Random random = new Random(2026);
      for (int d = 0; d < 4; d++) {
        Path folder = Files.createDirectories(dir.resolve("projects").resolve("project-" + d));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
          text.append("line ").append(i).append(" of project ").append(d).append(": offline seeding sample\n");
        }
        Files.writeString(folder.resolve("notes.txt"), text);
        try (var out = Files.newOutputStream(folder.resolve("archive.bin"))) {
          byte[] blob = new byte[1 << 20];
          for (int left = randomBytesPerProject; left > 0; left -= blob.length) {
            random.nextBytes(blob);
            out.write(blob, 0, Math.min(left, blob.length));
          }
        }
      }
      Files.createDirectories(dir.resolve("empty"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Outcome follow(Map<String, Object> client, String seedId, Duration timeout,
                                Consumer<SpecificRecord> events) {
    List<String> topics = List.of(Topics.STAGING_EVENTS.name(), Topics.CERT_EVENTS.name(),
        Topics.DISKPREP_EVENTS.name(), Topics.SHIPPING_EVENTS.name(), Topics.IMPORTJOB_EVENTS.name(),
        Topics.VAULT_EVENTS.name(), Topics.SEED_OUTCOMES.name());
    List<SpecificRecord> seen = new ArrayList<>();
    Map<String, Object> config = new java.util.HashMap<>(client);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      topics.forEach(t -> consumer.partitionsFor(t, Duration.ofSeconds(10))
          .forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Instant end = Instant.now().plus(timeout);
      while (Instant.now().isBefore(end)) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (!seedId.equals(record.key())) {
            continue;
          }
          SpecificRecord event = SeedshipCodec.instance().decode(record.value());
          seen.add(event);
          events.accept(event);
          // a refused change of a registered package leaves the seed on its way
          if (event instanceof SeedCompleted || event instanceof SeedFailed
              || event instanceof ShipmentRefused r && r.getRegisteredTrackingNumber() == null) {
            return new Outcome(seedId, event, seen);
          }
        }
      }
    }
    throw new IllegalStateException("seed " + seedId + " did not end within " + timeout + "; saw "
        + seen.stream().map(e -> e.getSchema().getName()).toList());
  }

  /** The seed's stages with their durations, one line each. */
  public static List<String> timeline(SeedCompleted completed) {
    return completed.getStages().stream().map(t -> String.format("%-12s %s  %s", t.getStage(),
        t.getStartedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        Duration.between(t.getStartedAt(), t.getEndedAt()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
            .toString().substring(2).toLowerCase(java.util.Locale.ROOT))).toList();
  }

  /** One line per event, for people. */
  public static String describe(SpecificRecord event) {
    return switch (event) {
      case ShipmentRegistered r -> String.format("shipped         %s %s, %d drive(s); they must reach the datacenter"
          + " by %s", r.getCarrierName(), r.getTrackingNumber(), r.getDriveCount(), r.getArrivalDeadline());
      case ShipmentRefused r -> "SHIPMENT REFUSED " + r.getProblems().stream().map(p -> p.getMessage()).toList();
      case ImportJobStateChanged j -> String.format("import job      %s %s%s", j.getImportJobName(), j.getState(),
          j.getPercentComplete() == null ? "" : ", " + j.getPercentComplete() + "%");
      case DriveStateChanged d -> String.format("drive           %s %s%s", d.getDriveId(), d.getState(),
          d.getBytesSucceeded() == null ? "" : String.format(", %d MiB copied", d.getBytesSucceeded() >> 20));
      case ImportJobProgress p -> String.format("import progress %s%s", p.getImportJobName(),
          p.getPercentComplete() == null ? "" : " " + p.getPercentComplete() + "%");
      case DriveCopyLogReported c -> String.format("copy log        %s: %d blob(s) failed%s", c.getDriveId(),
          c.getFailedBlobs().size(), c.getFailedBlobs().isEmpty() ? "" : " " + c.getFailedBlobs());
      case ImportJobFinished f -> String.format("import ended    %s %s: %s", f.getImportJobName(), f.getOutcome(),
          f.getDetail());
      case ImportVerified v -> String.format("verified        %d blob(s), %d MiB in %s/%s read back: what staging"
          + " wrote, block by block", v.getBlobCount(), v.getBytesVerified() >> 20, v.getContainer(),
          v.getBlobPrefix());
      case io.seedship.contracts.staging.SeedAccepted a -> String.format("accepted        import job %s, about %d MiB to stage",
          a.getRequest().getImportJobName(), a.getEstimatedStagedBytes() >> 20);
      case ApplicationReady r -> String.format("server ready    application %s (%s), certificate %s until %s",
          r.getDisplayName(), r.getApplicationId(), r.getCertificateThumbprint(), r.getCertificateNotAfter());
      case io.seedship.contracts.staging.StagingProgress p -> String.format("staging         %d/%d MiB, %d chunk(s), %.0f MB/s",
          p.getBytesDone() >> 20, p.getBytesTotal() >> 20, p.getChunksWritten(), p.getBytesPerSecond() / 1e6);
      case StagingCompleted c -> String.format("staged          %d files, %d MiB into %d chunk(s) of %d MiB; manifest %s",
          c.getFileCount(), c.getSourceBytes() >> 20, c.getChunkCount(), c.getStagedBytes() >> 20,
          c.getManifestPath());
      case DriveInventoryReported r -> String.format("drives offered  %s on %s: %d eligible, %d MiB needed",
          r.getDrives().stream().map(d -> d.getSerialNumber()).toList(), r.getCopyMachine(),
          r.getDrives().stream().filter(d -> d.getEligible()).count(), r.getBytesRequired() >> 20);
      case MoreDrivesNeeded m -> String.format("more drives     %d MiB still to place on %s",
          m.getBytesStillToPlace() >> 20, m.getCopyMachine());
      case DriveFormatConfirmed c -> String.format("confirmed       %s by %s", c.getDriveSerialNumbers(),
          c.getConfirmedBy());
      case DriveFormatRefused r -> "REFUSED         " + r.getProblems().stream().map(p -> p.getMessage()).toList();
      case DriveWriteProgress p -> String.format("writing         %s (%d of %d): %d/%d MiB", p.getDriveId(),
          p.getDriveIndex(), p.getDriveCount(), p.getBytesDone() >> 20, p.getBytesTotal() >> 20);
      case DrivePrepared d -> String.format("drive prepared  %s: %d blob(s), %d MiB, BitLocker %s, manifest %s",
          d.getDriveId(), d.getBlobCount(), d.getDataBytes() >> 20, d.getEncryption(), d.getManifestFile());
      case ImportJobCreated j -> String.format("import job      %s with drives %s; ship them to %s, %s (%s)",
          j.getImportJobName(), j.getDriveIds(), j.getShippingAddress().getRecipientName(),
          j.getShippingAddress().getCity(), String.join(", ", j.getSupportedCarriers()));
      case ArrivalDeadlineWarning w -> String.format("DEADLINE NEAR   package %s not received; it must reach the"
          + " datacenter by %s", w.getTrackingNumber(), w.getArrivalDeadline());
      case ArrivalDeadlineExpired e -> String.format("DEADLINE PASSED package %s not received by %s",
          e.getTrackingNumber(), e.getArrivalDeadline());
      case VaultCopyProgress v -> String.format("vault copy      %d/%d MiB into the vault", v.getBytesCopied() >> 20,
          v.getBytesTotal() >> 20);
      case VaultSeeded v -> String.format("recovery point  %s at %s", v.getRecoveryPointId(), v.getRecoveryPointTime());
      case ImportedDataDeleted d -> String.format("cleaned up      %d imported blob(s) deleted from %s/%s%s",
          d.getBlobsDeleted(), d.getContainer(), d.getBlobPrefix(), d.getContainerDeleted() ? ", container too" : "");
      case IncrementalBackupsScheduled i -> String.format("incremental     %s now backs up incrementally on top of"
          + " the seed (%s)", i.getBackupServer(), i.getProtectionState());
      case SeedCompleted c -> String.format("COMPLETED       recovery point %s; %d MiB staged, %d MiB imported, %d"
          + " file(s) restored from the vault and checked", c.getRecoveryPointId(), c.getBytesStaged() >> 20,
          c.getBytesImported() >> 20, c.getFilesVerified());
      case SeedFailed f -> "FAILED          at " + f.getStage() + ": " + f.getReason()
          + (f.getAction() == null ? "" : "\n                  what to do: " + f.getAction());
      default -> event.getSchema().getName();
    };
  }

  /**
   * The operator: at the copy machine, attaches two blank drives of its own (sparse image files named by their serial;
   * the drives of earlier runs stay in the bay, prepared, and are refused) when the agent offers none that hold the
   * seed, and confirms the eligible ones, once; at the shipping desk, registers the package once the job exists. It
   * also plays the carrier and the calendar: once the package is registered it hands the job's drives to local-azure's
   * datacenter (links in its dock, named by serial) and moves local-azure's clock over the days the documentation
   * describes (transit, then receiving, then packaging), so the import happens in seconds.
   */
  static final class Operator {

    private final Path bay;
    private final Path dock;
    private final String seedId;
    private final Plan plan;
    /** Whether it plays the operator too (drives, confirmation, shipment), or only the carrier and the calendar. */
    private final boolean operates;
    private final int diskprepPort;
    private final int shippingPort;
    private final LocalAzure azure;
    private final ApiSignIn signedIn;
    private List<String> driveIds = List.of();
    private boolean attached;
    private boolean confirmed;
    private boolean delivered;

    Operator(Path bay, Path dock, String seedId, Plan plan, boolean operates, int diskprepPort, int shippingPort,
             LocalAzure azure, ApiSignIn signedIn) {
      this.operates = operates;
      this.signedIn = signedIn;
      this.bay = bay;
      this.dock = dock;
      this.seedId = seedId;
      this.plan = plan;
      this.diskprepPort = diskprepPort;
      this.shippingPort = shippingPort;
      this.azure = azure;
    }

    void on(SpecificRecord event) {
      if (event instanceof ImportJobCreated job) {
        driveIds = job.getDriveIds();
        if (!operates || plan == Plan.UNSHIPPED) {
          return;
        }
        // the drives go in one package with a carrier the datacenter takes, registered at shipping-service's API
        Http.post(shippingPort, "/api/seeds/" + seedId + "/shipment", JSON.createObjectNode()
            .put("carrierName", job.getSupportedCarriers().getFirst())
            .put("trackingNumber", "LOCAL " + seedId.substring(0, 8).toUpperCase(java.util.Locale.ROOT))
            .put("driveCount", job.getDriveIds().size())
            .put("shipDate", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString())
            .put("confirmedBy", "seedship-local (as the operator)"), signedIn);
      } else if (event instanceof ShipmentRegistered && !delivered) {
        delivered = true;
        if (plan == Plan.LOST_PACKAGE) {
          driveIds.forEach(drive -> fault(drive, "{\"fault\": \"NeverArrives\"}"));
        } else if (plan == Plan.CORRUPTED_BLOCK) {
          fault(driveIds.getFirst(), "{\"fault\": \"CorruptedBlock\", \"blockIndex\": 0}");
        }
        deliver();
        advance(plan == Plan.LOST_PACKAGE ? Duration.ofDays(11).plusMinutes(1) : datacenter().getTransit(),
            plan == Plan.LOST_PACKAGE ? "the package is lost: no sign of it for 11 days" : "the carrier's transit");
      } else if (event instanceof ArrivalDeadlineWarning) {
        advance(Duration.ofDays(3).plusMinutes(1), "still no package: the arrival deadline passes");
      } else if (event instanceof ArrivalDeadlineExpired) {
        advance(datacenter().getCloseAfter().plusHours(1), "Azure waits for an answer, then closes the job");
      } else if (event instanceof ImportJobStateChanged changed && changed.getState() == ImportJobState.RECEIVED) {
        advance(datacenter().getReceiving(), "the datacenter receiving the package");
      } else if (event instanceof ImportJobStateChanged changed && changed.getState() == ImportJobState.PACKAGING) {
        advance(datacenter().getPackaging(), "packaging and the drives' return");
      } else if (event instanceof ImportVerified && plan != Plan.RUNNING_CLOCK) {
        VirtualClock clock = azure.bean(VirtualClock.class);
        Instant now = clock.instant();
        Instant next = now.atZone(ZoneOffset.UTC).with(BACKUP_TIME).toInstant();
        advance(Duration.between(now, next.isAfter(now) ? next : next.plus(Duration.ofDays(1))).plusMinutes(1),
            "until the backup server's next scheduled backup");
      } else if (!operates) {
        return;
      } else if (event instanceof MoreDrivesNeeded more) {
        attach(more.getBytesRequired());
      } else if (event instanceof DriveInventoryReported inventory && !confirmed) {
        // only this seed's own blank drives: others in the bay may be waiting for other seeds
        List<String> eligible = inventory.getDrives().stream().filter(d -> d.getEligible())
            .map(d -> d.getSerialNumber()).filter(serial -> serial.startsWith(drivePrefix())).toList();
        if (eligible.isEmpty()) {
          attach(inventory.getBytesRequired());
          return;
        }
        confirmed = true;
        ArrayNode serials = JSON.createArrayNode();
        eligible.forEach(serials::add);
        ObjectNode confirmation = JSON.createObjectNode().put("confirmedBy", "seedship-local (as the operator)");
        confirmation.set("serialNumbers", serials);
        Http.post(diskprepPort, "/api/seeds/" + seedId + "/drives/confirm", confirmation, signedIn);
      }
    }

    private String drivePrefix() {
      return "LOCAL-" + seedId.substring(0, 8).toUpperCase(java.util.Locale.ROOT) + "-";
    }

    private LocalAzureProperties.Datacenter datacenter() {
      return azure.properties().getImportExport().getDatacenter();
    }

    /** The package reaches the datacenter: each drive of the job, by serial, into the dock. */
    private void deliver() {
      try {
        Files.createDirectories(dock);
        for (String serial : driveIds) {
          Path link = dock.resolve(serial + ".img");
          Files.deleteIfExists(link);
          Files.createSymbolicLink(link, bay.resolve(serial + ".img").toAbsolutePath());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A fault the datacenter plays on one drive, set through local-azure's admin interface. */
    private void fault(String driveId, String fault) {
      azure.bean(DatacenterController.class).setFault(driveId, fault.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      System.out.printf("  %-15s local-azure's datacenter will play %s on drive %s%n", "fault", fault, driveId);
    }

    private void advance(Duration days, String why) {
      if (plan == Plan.RUNNING_CLOCK) {
        return;
      }
      azure.bean(VirtualClock.class).advance(days);
      System.out.printf("  %-15s local-azure's clock moved %s ahead (%s)%n", "time passes",
          days.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().substring(2).toLowerCase(
              java.util.Locale.ROOT), why);
    }

    private void attach(long bytesRequired) {
      if (attached) {
        return;
      }
      attached = true;
      long size = (bytesRequired + (64L << 20)) / (1 << 20) * (1 << 20);
      try {
        Files.createDirectories(bay);
        // two drives, so the seed spans them; one each when many seeds share the copy machine
        List<String> serials = plan == Plan.RUNNING_CLOCK ? List.of(drivePrefix() + "1")
            : List.of(drivePrefix() + "1", drivePrefix() + "2");
        for (String serial : serials) {
          try (var file = new java.io.RandomAccessFile(bay.resolve(serial + ".img").toFile(), "rw")) {
            file.setLength(size);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
