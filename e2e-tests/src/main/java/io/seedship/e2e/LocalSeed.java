package io.seedship.e2e;

import io.seedship.contracts.Topics;
import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.command.ConfirmDriveFormat;
import io.seedship.contracts.command.RegisterShipment;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.Cloud;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.common.ReturnShipping;
import io.seedship.contracts.common.WorkloadType;
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
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.shipping.ShipmentRefused;
import io.seedship.contracts.shipping.ShipmentRegistered;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.vault.ImportVerified;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.clock.VirtualClock;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.kafka.SeedEventPublisher;
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

  /** The copy machine of the local run, and its image bay under the local home. */
  public static final String COPY_MACHINE = "copy-local";
  static final String BAY = "drives";
  /** Where local-azure's import datacenter receives drives (the carrier's delivery). */
  static final String DOCK = "dock";
  static final String RESOURCE_GROUP = "seedship-local";
  static final String STORAGE_ACCOUNT = "seedshiplocal";

  /** How the seed ended: ImportVerified, or the SeedFailed (or ShipmentRefused) that stopped it. */
  public record Outcome(String seedId, SpecificRecord last, List<SpecificRecord> events) {
    /** What the import put in the storage account is what staging wrote. */
    public boolean verified() {
      return last instanceof ImportVerified;
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
    try {
      Path staging = Files.createDirectories(home.resolve("staging"));
      String subscription = local.azure().properties().getSubscriptions().isEmpty()
          ? "5eed5417-0000-4000-8000-000000000001" : local.azure().properties().getSubscriptions().getFirst();
      Path publishSettings = home.resolve("local.publishsettings");
      // the classic portal's file; the management certificate is a placeholder: Seedship never reads it
      Files.writeString(publishSettings, """
          <?xml version="1.0" encoding="utf-8"?>
          <PublishData>
            <PublishProfile SchemaVersion="2.0" PublishMethod="AzureServiceManagementAPI">
              <Subscription ServiceManagementUrl="%s" Id="%s" Name="local-azure" ManagementCertificate="bm90LXVzZWQ=" />
            </PublishProfile>
          </PublishData>
          """.formatted(local.azure().armEndpoint(), subscription));
      String seedId = UUID.randomUUID().toString();
      SeedRequest request = SeedRequest.newBuilder()
          .setStagingLocation(staging.toAbsolutePath().toString())
          .setPublishSettingsFile(publishSettings.toAbsolutePath().toString())
          .setImportJobName("seed-" + seedId.substring(0, 8))
          .setSubscriptionId(subscription).setResourceGroup(RESOURCE_GROUP).setStorageAccount(STORAGE_ACCOUNT)
          .setContainer("initial-backup").setCloud(Cloud.LOCAL)
          .setAzureUserId(local.azure().properties().getUser().getObjectId())
          .setWorkloadType(WorkloadType.MARS_FILES_AND_FOLDERS)
          .setSourcePath(source.toAbsolutePath().toString()).setBackupServer("mars-local")
          .setReturnAddress(PostalAddress.newBuilder().setRecipientName("Seedship operator")
              .setStreetAddress1("1 Datacenter Way").setCity("Redmond").setStateOrProvince("WA")
              .setPostalCode("98052").setCountryOrRegion("US").setPhone("+1 425 555 0100")
              .setEmail("operator@seedship.local").build())
          .setReturnShipping(ReturnShipping.newBuilder().setCarrierName("FedEx").setCarrierAccountNumber("000000000")
              .build())
          .setCopyMachine(COPY_MACHINE).setRequestedBy("seedship-local").build();
      // the customer's storage account, which the import job writes into, exists before a seed is requested
      var azure = local.services().get("diskprep-service").getBean(AzureClients.class);
      azure.resourceGroups(subscription).ensure(RESOURCE_GROUP, "westus");
      azure.storage(subscription).ensure(RESOURCE_GROUP, STORAGE_ACCOUNT, "westus");
      var stagingService = local.services().get("staging-service");
      stagingService.getBean(SeedEventPublisher.class).publish(RequestSeed.newBuilder()
          .setMetadata(stagingService.getBean(EventMetadataFactory.class).originating(seedId))
          .setRequest(request).build());
      Operator operator = new Operator(home.resolve(BAY), home.resolve(DOCK), seedId,
          stagingService.getBean(SeedEventPublisher.class), stagingService.getBean(EventMetadataFactory.class),
          local.azure());
      return follow(local.bootstrapServers(), seedId, timeout, events.andThen(operator::on));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small tree to seed when none is given: text that compresses, random data that does not, nested folders. */
  public static Path sampleSource(Path dir) {
    try {
      Random random = new Random(2026);
      for (int d = 0; d < 4; d++) {
        Path folder = Files.createDirectories(dir.resolve("projects").resolve("project-" + d));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
          text.append("line ").append(i).append(" of project ").append(d).append(": offline seeding sample\n");
        }
        Files.writeString(folder.resolve("notes.txt"), text);
        byte[] blob = new byte[3 << 20];
        random.nextBytes(blob);
        Files.write(folder.resolve("archive.bin"), blob);
      }
      Files.createDirectories(dir.resolve("empty"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Outcome follow(String bootstrap, String seedId, Duration timeout, Consumer<SpecificRecord> events) {
    List<String> topics = List.of(Topics.STAGING_EVENTS.name(), Topics.CERT_EVENTS.name(),
        Topics.DISKPREP_EVENTS.name(), Topics.SHIPPING_EVENTS.name(), Topics.IMPORTJOB_EVENTS.name(),
        Topics.VAULT_EVENTS.name(), Topics.SEED_OUTCOMES.name());
    List<SpecificRecord> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
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
          if (event instanceof ImportVerified || event instanceof SeedFailed
              || event instanceof ShipmentRefused r && r.getRegisteredTrackingNumber() == null) {
            return new Outcome(seedId, event, seen);
          }
        }
      }
    }
    throw new IllegalStateException("seed " + seedId + "'s import was not verified within " + timeout + "; saw "
        + seen.stream().map(e -> e.getSchema().getName()).toList());
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
      case SeedFailed f -> "FAILED          at " + f.getStage() + ": " + f.getReason();
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
    private final SeedEventPublisher publisher;
    private final EventMetadataFactory metadata;
    private final LocalAzure azure;
    private List<String> driveIds = List.of();
    private boolean attached;
    private boolean confirmed;
    private boolean delivered;

    Operator(Path bay, Path dock, String seedId, SeedEventPublisher publisher, EventMetadataFactory metadata,
             LocalAzure azure) {
      this.bay = bay;
      this.dock = dock;
      this.seedId = seedId;
      this.publisher = publisher;
      this.metadata = metadata;
      this.azure = azure;
    }

    void on(SpecificRecord event) {
      if (event instanceof ImportJobCreated job) {
        driveIds = job.getDriveIds();
        // the drives go in one package with a carrier the datacenter takes
        publisher.publish(RegisterShipment.newBuilder().setMetadata(metadata.causedBy(job.getMetadata(), 1))
            .setImportJobName(job.getImportJobName()).setCarrierName(job.getSupportedCarriers().getFirst())
            .setTrackingNumber("LOCAL " + seedId.substring(0, 8).toUpperCase(java.util.Locale.ROOT))
            .setDriveCount(job.getDriveIds().size()).setShipDate(java.time.LocalDate.now(java.time.ZoneOffset.UTC))
            .setConfirmedBy("seedship-local (as the operator)").build());
      } else if (event instanceof ShipmentRegistered && !delivered) {
        delivered = true;
        deliver();
        advance(datacenter().getTransit(), "the carrier's transit");
      } else if (event instanceof ImportJobStateChanged changed && changed.getState() == ImportJobState.RECEIVED) {
        advance(datacenter().getReceiving(), "the datacenter receiving the package");
      } else if (event instanceof ImportJobStateChanged changed && changed.getState() == ImportJobState.PACKAGING) {
        advance(datacenter().getPackaging(), "packaging and the drives' return");
      } else if (event instanceof MoreDrivesNeeded more) {
        attach(more.getBytesRequired());
      } else if (event instanceof DriveInventoryReported inventory && !confirmed) {
        List<String> eligible = inventory.getDrives().stream().filter(d -> d.getEligible())
            .map(d -> d.getSerialNumber()).toList();
        if (eligible.isEmpty()) {
          attach(inventory.getBytesRequired());
          return;
        }
        confirmed = true;
        publisher.publish(ConfirmDriveFormat.newBuilder()
            .setMetadata(metadata.causedBy(inventory.getMetadata(), 1)).setCopyMachine(inventory.getCopyMachine())
            .setDriveSerialNumbers(eligible).setConfirmedBy("seedship-local (as the operator)").build());
      }
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

    private void advance(Duration days, String why) {
      azure.bean(VirtualClock.class).advance(days);
      System.out.printf("  %-15s local-azure's clock moved %s ahead (%s)%n", "time passes", days, why);
    }

    private void attach(long bytesRequired) {
      if (attached) {
        return;
      }
      attached = true;
      long size = (bytesRequired + (64L << 20)) / (1 << 20) * (1 << 20);
      try {
        Files.createDirectories(bay);
        String prefix = "LOCAL-" + seedId.substring(0, 8).toUpperCase(java.util.Locale.ROOT) + "-";
        for (String serial : List.of(prefix + "1", prefix + "2")) {
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
