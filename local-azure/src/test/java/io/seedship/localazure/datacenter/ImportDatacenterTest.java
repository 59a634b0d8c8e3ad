package io.seedship.localazure.datacenter;

import static io.seedship.localazure.datacenter.DatacenterFixture.MIB;
import static io.seedship.localazure.datacenter.DatacenterFixture.drive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockListType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.localazure.spec.SwaggerDefinitions;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The import datacenter end to end with real parts: drives written by Seedship's drive-format onto sparse images, a job
 * through the ARM API, the drives handed over in the dock, the virtual clock moved, and the datacenter's independent
 * readers (dislocker, ntfs-3g) copying into Azurite; the blobs are read back with the real Blob SDK.
 */
class ImportDatacenterTest {

  private static final Duration COPY_TIMEOUT = Duration.ofMinutes(4);
  private static final String LOG_NAME = "waies/%s_%s_\\d{8}-\\d{6}-\\d{3}_%s\\.xml";

  @TempDir
  static Path dir;
  static DatacenterFixture fx;

  @BeforeAll
  static void start() throws Exception {
    DatacenterFixture.assumeTools();
    fx = new DatacenterFixture(dir);
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void handedOverDrivesAreReceivedCopiedBlockByBlockLoggedAndTheJobCompletes() throws Exception {
    var one = fx.writeDrive("DCOK-1", "seeds-ok", 64 * MIB, 0, 1, 70_000, 4 * MIB, 9 * MIB + 123);
    var two = fx.writeDrive("DCOK-2", "seeds-ok", 64 * MIB, 5 * MIB + 5);
    fx.createJob("import-ok", one, two);
    fx.ship("import-ok", 2);
    fx.handOver(one);
    fx.handOver(two);

    fx.advance("P1D");
    assertThat(fx.job("import-ok").at("/properties/state").asText()).as("one day of transit out of two")
        .isEqualTo("Shipping");
    fx.advance("P1DT1H");
    JsonNode received = fx.job("import-ok");
    assertThat(received.at("/properties/state").asText()).isEqualTo("Received");
    assertThat(drive(received, "DCOK-1").path("state").asText()).isEqualTo("Received");
    assertThat(drive(received, "DCOK-1").has("copyStatus")).as("no copyStatus before Transferring").isFalse();

    fx.advance("P1D");
    JsonNode transferring = fx.job("import-ok");
    assertThat(transferring.at("/properties/state").asText()).isIn("Transferring", "Packaging");
    if (transferring.at("/properties/state").asText().equals("Transferring")) {
      for (JsonNode drive : transferring.at("/properties/driveList")) {
        assertThat(drive.path("state").asText()).isIn("Transferring", "Completed");
        assertThat(drive.path("copyStatus").asText()).isIn("InProgress", "Completed");
        assertThat(drive.path("percentComplete").asInt()).isBetween(0, 100);
      }
      assertConforms(transferring);
    }
    JsonNode packaging = fx.awaitJob("import-ok", j -> j.at("/properties/state").asText().equals("Packaging"),
        COPY_TIMEOUT);
    assertConforms(packaging);
    fx.advance("P2D");
    JsonNode done = fx.job("import-ok");
    assertThat(done.at("/properties/state").asText()).as("%s", done.at("/properties/driveList")).isEqualTo("Completed");
    assertThat(done.at("/properties/returnPackage/driveCount").asInt()).isEqualTo(2);
    assertConforms(done);

    for (var drive : List.of(one, two)) {
      JsonNode status = drive(done, drive.driveId());
      assertThat(status.path("state").asText()).isEqualTo("Completed");
      assertThat(status.path("copyStatus").asText()).isEqualTo("Completed");
      assertThat(status.path("percentComplete").asInt()).isEqualTo(100);
      assertThat(status.path("bytesSucceeded").asLong())
          .isEqualTo(drive.files().stream().mapToLong(SourceFile::length).sum());
      assertThat(status.has("bitLockerKey")).isFalse();
      assertBlobsMatch(drive.files());

      Document verbose = log(status.path("verboseLogUri").asText(), "import-ok", drive.driveId(), "verbose");
      Element root = verbose.getDocumentElement();
      assertThat(root.getTagName()).isEqualTo("DriveLog");
      assertThat(root.getAttribute("Version")).isEqualTo("2014-11-01");
      List<Element> children = children(root);
      assertThat(children.get(0).getTagName()).isEqualTo("DriveId");
      assertThat(children.get(0).getTextContent()).isEqualTo(drive.driveId());
      assertThat(children.get(children.size() - 1).getTagName()).isEqualTo("Status");
      assertThat(children.get(children.size() - 1).getTextContent()).isEqualTo("Completed");
      List<Element> blobs = children.subList(1, children.size() - 1);
      assertThat(blobs).hasSize(drive.files().size());
      for (Element blob : blobs) {
        assertThat(blob.getTagName()).isEqualTo("Blob");
        assertThat(blob.getAttribute("Status")).isEqualTo("Completed");
        assertThat(children(blob).stream().map(Element::getTagName).toList())
            .containsExactly("BlobPath", "FilePath", "Length", "ImportDisposition", "BlockList");
        assertThat(child(blob, "ImportDisposition").getAttribute("Status")).isEqualTo("Created");
        long length = Long.parseLong(child(blob, "Length").getTextContent());
        List<Element> blocks = children(child(blob, "BlockList"));
        assertThat(blocks).hasSize((int) ((length + 4 * MIB - 1) / (4 * MIB)));
        for (Element block : blocks) {
          assertThat(block.getTagName()).isEqualTo("Block");
          assertThat(block.getAttribute("Status")).isEqualTo("Completed");
          assertThat(block.getAttribute("Hash")).matches("[0-9A-F]{32}");
          assertThat(block.getAttribute("Id")).isNotEmpty();
        }
      }
      Document errors = log(status.path("errorLogUri").asText(), "import-ok", drive.driveId(), "error");
      assertThat(children(errors.getDocumentElement()).stream().map(Element::getTagName).toList())
          .as("the error log of a clean drive names the drive and its status only").containsExactly("DriveId", "Status");
      assertThat(status.path("manifestUri").asText()).matches(".*/waimportexport/"
          + String.format(LOG_NAME, "import-ok", drive.driveId(), "manifest"));
    }
  }

  @Test
  void aWrongBitLockerKeyEndsTheDriveBitLockerKeyInvalidAndTheJobClosed() throws Exception {
    var drive = fx.writeDrive("DCKEY-1", "seeds-key", 64 * MIB, 3 * MIB);
    fx.createJob("import-key", drive);
    assertThat(fx.fault("DCKEY-1", "{\"fault\":\"WrongBitLockerKey\"}").status()).isEqualTo(200);
    fx.ship("import-key", 1);
    fx.handOver(drive);

    fx.advance("P3D");
    fx.awaitJob("import-key", j -> j.at("/properties/state").asText().equals("Packaging"), COPY_TIMEOUT);
    fx.advance("P2D");
    JsonNode done = fx.job("import-key");
    assertThat(done.at("/properties/state").asText()).isEqualTo("Closed");
    JsonNode status = drive(done, "DCKEY-1");
    assertThat(status.path("state").asText()).isEqualTo("CompletedMoreInfo");
    assertThat(status.path("copyStatus").asText()).isEqualTo("BitLockerKeyInvalid");
    assertThat(status.path("bytesSucceeded").asLong()).isZero();
    Document errors = log(status.path("errorLogUri").asText(), "import-key", "DCKEY-1", "error");
    assertThat(child(errors.getDocumentElement(), "Status").getTextContent()).isEqualTo("BitLockerKeyInvalid");
    assertThat(fx.blobs().getBlobContainerClient("seeds-key").exists()).isFalse();
    assertThat(done.toString()).as("the job as served").doesNotContain(drive.password());
    assertThat(fx.arm.get("local-azure/import-export/datacenter").body().toString()).doesNotContain(drive.password());
    assertConforms(done);
  }

  @Test
  void aManifestThatIsNotTheOneStatedAndADriveHeaderThatChangedAreRefused() throws Exception {
    var manifest = fx.writeDrive("DCMAN-1", "seeds-man", 64 * MIB, 1 * MIB);
    var header = fx.writeDrive("DCHDR-1", "seeds-man", 64 * MIB, 1 * MIB);
    var elsewhere = fx.writeDrive("DCHDR-2", "seeds-man", 64 * MIB, 1 * MIB);
    fx.createJob("import-man", list -> {
      ((ObjectNode) list.get(0)).put("manifestHash", "0123456789ABCDEF0123456789ABCDEF");
      ((ObjectNode) list.get(1)).put("driveHeaderHash", elsewhere.written().driveHeaderHash());
    }, manifest, header);
    fx.ship("import-man", 2);
    fx.handOver(manifest);
    fx.handOver(header);

    fx.advance("P3D");
    fx.awaitJob("import-man", j -> j.at("/properties/state").asText().equals("Packaging"), COPY_TIMEOUT);
    fx.advance("P2D");
    JsonNode done = fx.job("import-man");
    assertThat(done.at("/properties/state").asText()).isEqualTo("Closed");
    assertThat(drive(done, "DCMAN-1").path("copyStatus").asText()).isEqualTo("ManifestCorrupted");
    assertThat(drive(done, "DCHDR-1").path("copyStatus").asText()).as("no status is documented for it: the"
        + " drive-level failure closest to 'not the drive described'").isEqualTo("DiskOperationFailed");
    for (String driveId : List.of("DCMAN-1", "DCHDR-1")) {
      assertThat(drive(done, driveId).path("state").asText()).isEqualTo("CompletedMoreInfo");
      Document errors = log(drive(done, driveId).path("errorLogUri").asText(), "import-man", driveId, "error");
      assertThat(child(errors.getDocumentElement(), "Status").getTextContent())
          .isEqualTo(drive(done, driveId).path("copyStatus").asText());
    }
    assertThat(fx.blobs().getBlobContainerClient("seeds-man").exists()).isFalse();
  }

  @Test
  void aCorruptedBlockIsNamedInTheErrorLogAndItsBlobIsNotCommitted() throws Exception {
    var drive = fx.writeDrive("DCBAD-1", "seeds-bad", 64 * MIB, 9 * MIB, 2 * MIB);
    fx.createJob("import-bad", drive);
    assertThat(fx.fault("DCBAD-1", "{\"fault\":\"CorruptedBlock\",\"blobPath\":\"seeds-bad/dcbad-1/chunk-0.bin\","
        + "\"blockIndex\":1}").status()).isEqualTo(200);
    fx.ship("import-bad", 1);
    fx.handOver(drive);

    fx.advance("P3D");
    fx.awaitJob("import-bad", j -> j.at("/properties/state").asText().equals("Packaging"), COPY_TIMEOUT);
    fx.advance("P2D");
    JsonNode done = fx.job("import-bad");
    assertThat(done.at("/properties/state").asText()).isEqualTo("Closed");
    JsonNode status = drive(done, "DCBAD-1");
    assertThat(status.path("state").asText()).isEqualTo("CompletedMoreInfo");
    assertThat(status.path("copyStatus").asText()).isEqualTo("CompletedWithErrors");
    assertThat(status.path("bytesSucceeded").asLong()).isEqualTo(2 * MIB);

    Document errors = log(status.path("errorLogUri").asText(), "import-bad", "DCBAD-1", "error");
    List<Element> blobs = children(errors.getDocumentElement()).stream()
        .filter(e -> e.getTagName().equals("Blob")).toList();
    assertThat(blobs).singleElement().satisfies(blob -> {
      assertThat(blob.getAttribute("Status")).isEqualTo("CompletedWithErrors");
      assertThat(child(blob, "BlobPath").getTextContent()).isEqualTo("seeds-bad/dcbad-1/chunk-0.bin");
      List<Element> blocks = children(child(blob, "BlockList"));
      assertThat(blocks).singleElement().satisfies(block -> {
        assertThat(block.getAttribute("Offset")).isEqualTo(Long.toString(4 * MIB));
        assertThat(block.getAttribute("Length")).isEqualTo(Long.toString(4 * MIB));
        assertThat(block.getAttribute("Status")).isEqualTo("Corrupted");
      });
    });
    assertThat(child(errors.getDocumentElement(), "Status").getTextContent()).isEqualTo("CompletedWithErrors");
    Document verbose = log(status.path("verboseLogUri").asText(), "import-bad", "DCBAD-1", "verbose");
    List<String> firstBlobStatuses = children(child(children(verbose.getDocumentElement()).get(1), "BlockList"))
        .stream().map(b -> b.getAttribute("Status")).toList();
    assertThat(firstBlobStatuses).containsExactly("Uncommitted", "Corrupted", "Uncommitted");

    BlobContainerClient container = fx.blobs().getBlobContainerClient("seeds-bad");
    assertThat(container.getBlobClient("dcbad-1/chunk-0.bin").exists()).as("a blob with a bad block is not committed")
        .isFalse();
    assertBlobsMatch(List.of(drive.files().get(1)));
  }

  @Test
  void aDriveMissingFromThePackageIsNeverReceivedAndTheOthersAreCopied() throws Exception {
    var here = fx.writeDrive("DCMISS-1", "seeds-miss", 64 * MIB, 1 * MIB);
    var missing = fx.writeDrive("DCMISS-2", "seeds-miss", 64 * MIB, 1 * MIB + 1);
    fx.createJob("import-miss", here, missing);
    assertThat(fx.fault("DCMISS-2", "{\"fault\":\"MissingFromPackage\"}").status()).isEqualTo(200);
    fx.ship("import-miss", 2);
    fx.handOver(here);
    fx.handOver(missing);

    fx.advance("P2D");
    JsonNode received = fx.job("import-miss");
    assertThat(received.at("/properties/state").asText()).isEqualTo("Received");
    assertThat(drive(received, "DCMISS-1").path("state").asText()).isEqualTo("Received");
    assertThat(drive(received, "DCMISS-2").path("state").asText()).isEqualTo("NeverReceived");
    fx.advance("P1D");
    fx.awaitJob("import-miss", j -> j.at("/properties/state").asText().equals("Packaging"), COPY_TIMEOUT);
    fx.advance("P2D");
    JsonNode done = fx.job("import-miss");
    assertThat(done.at("/properties/state").asText()).isEqualTo("Closed");
    assertThat(drive(done, "DCMISS-1").path("state").asText()).isEqualTo("Completed");
    assertThat(drive(done, "DCMISS-2").path("state").asText()).isEqualTo("NeverReceived");
    assertThat(drive(done, "DCMISS-2").has("copyStatus")).isFalse();
    assertThat(done.at("/properties/returnPackage/driveCount").asInt()).isEqualTo(1);
    assertBlobsMatch(here.files());
    assertThat(fx.blobs().getBlobContainerClient("seeds-miss").getBlobClient("dcmiss-2/chunk-0.bin").exists()).isFalse();
  }

  @Test
  void aPackageThatNeverArrivesLeavesItsDrivesNeverReceivedAfterTwoWeeksAndTheJobClosed30DaysLater() throws Exception {
    var lost = fx.writeDrive("DCLOST-1", "seeds-lost", 64 * MIB, 1 * MIB);
    fx.createJob("import-lost", lost);
    assertThat(fx.fault("DCLOST-1", "{\"fault\":\"NeverArrives\"}").status()).isEqualTo(200);
    fx.ship("import-lost", 1);
    fx.handOver(lost);

    fx.advance("P13D");
    JsonNode waiting = fx.job("import-lost");
    assertThat(waiting.at("/properties/state").asText()).isEqualTo("Shipping");
    assertThat(drive(waiting, "DCLOST-1").path("state").asText()).isEqualTo("Specified");
    fx.advance("P1D");
    JsonNode overdue = fx.job("import-lost");
    assertThat(overdue.at("/properties/state").asText()).as("ops contact the customer; the job waits")
        .isEqualTo("Shipping");
    assertThat(drive(overdue, "DCLOST-1").path("state").asText()).isEqualTo("NeverReceived");
    fx.advance("P29D");
    assertThat(fx.job("import-lost").at("/properties/state").asText()).isEqualTo("Shipping");
    fx.advance("P1D");
    JsonNode closed = fx.job("import-lost");
    assertThat(closed.at("/properties/state").asText()).isEqualTo("Closed");
    assertThat(closed.at("/properties").has("returnPackage")).isFalse();
    assertConforms(closed);
  }

  @Test
  void aBlobThatExistsIsRenamedAsDocumentedAndTheDriveCompletesWithWarnings() throws Exception {
    var first = fx.writeDriveAt("DCDUP-1", "/seeds-dup/same", 64 * MIB, 1 * MIB);
    fx.createJob("import-dup-1", first);
    fx.ship("import-dup-1", 1);
    fx.handOver(first);
    fx.advance("P3D");
    fx.awaitJob("import-dup-1", j -> j.at("/properties/state").asText().equals("Packaging"), COPY_TIMEOUT);
    var again = fx.writeDriveAt("DCDUP-2", "/seeds-dup/same", 64 * MIB, 1 * MIB + 7);
    fx.createJob("import-dup-2", again);
    fx.ship("import-dup-2", 1);
    fx.handOver(again);
    fx.advance("P3D");
    fx.awaitJob("import-dup-2", j -> j.at("/properties/state").asText().equals("Packaging"), COPY_TIMEOUT);
    fx.advance("P2D");

    assertThat(fx.job("import-dup-1").at("/properties/state").asText()).isEqualTo("Completed");
    JsonNode done = fx.job("import-dup-2");
    assertThat(done.at("/properties/state").asText()).as("drives with more info close the job").isEqualTo("Closed");
    JsonNode status = drive(done, "DCDUP-2");
    assertThat(status.path("state").asText()).isEqualTo("CompletedMoreInfo");
    assertThat(status.path("copyStatus").asText()).isEqualTo("CompletedWithWarnings");
    Element blob = child(log(status.path("verboseLogUri").asText(), "import-dup-2", "DCDUP-2", "verbose")
        .getDocumentElement(), "Blob");
    assertThat(child(blob, "BlobPath").getTextContent()).isEqualTo("seeds-dup/same/chunk-0 (2).bin");
    assertThat(child(blob, "ImportDisposition").getAttribute("Status")).isEqualTo("Renamed");
    BlobContainerClient container = fx.blobs().getBlobContainerClient("seeds-dup");
    assertThat(container.getBlobClient("same/chunk-0.bin").getProperties().getBlobSize()).isEqualTo(1 * MIB);
    assertThat(container.getBlobClient("same/chunk-0 (2).bin").getProperties().getBlobSize()).isEqualTo(1 * MIB + 7);
  }

  @Test
  void aDriveHandedOverAfterTwoWeeksStillArrivesAndIsCopied() throws Exception {
    var late = fx.writeDrive("DCLATE-1", "seeds-late", 64 * MIB, 2 * MIB);
    fx.createJob("import-late", late);
    fx.ship("import-late", 1);

    fx.advance("P14D");
    JsonNode overdue = fx.job("import-late");
    assertThat(overdue.at("/properties/state").asText()).isEqualTo("Shipping");
    assertThat(drive(overdue, "DCLATE-1").path("state").asText()).isEqualTo("NeverReceived");
    fx.handOver(late);
    fx.advance("PT1H");
    JsonNode received = fx.job("import-late");
    assertThat(received.at("/properties/state").asText()).isEqualTo("Received");
    assertThat(drive(received, "DCLATE-1").path("state").asText()).isEqualTo("Received");
    fx.advance("P1D");
    fx.awaitJob("import-late", j -> j.at("/properties/state").asText().equals("Packaging"), COPY_TIMEOUT);
    fx.advance("P2D");
    assertThat(fx.job("import-late").at("/properties/state").asText()).isEqualTo("Completed");
    assertBlobsMatch(late.files());
  }

  @Test
  void aJobCancelledWhileShippingIsReceivedAndReturnedWithoutCopying() throws Exception {
    var drive = fx.writeDrive("DCCAN-1", "seeds-cancel", 64 * MIB, 1 * MIB);
    fx.createJob("import-cancel", drive);
    fx.ship("import-cancel", 1);
    assertThat(fx.arm.patch(fx.jobPath("import-cancel"), "{\"properties\":{\"cancelRequested\":true}}").status())
        .isEqualTo(200);
    fx.handOver(drive);

    fx.advance("P2D");
    assertThat(fx.job("import-cancel").at("/properties/state").asText()).isEqualTo("Received");
    fx.advance("P1D");
    assertThat(fx.job("import-cancel").at("/properties/state").asText()).isEqualTo("Packaging");
    fx.advance("P2D");
    JsonNode done = fx.job("import-cancel");
    assertThat(done.at("/properties/state").asText()).isEqualTo("Completed");
    assertThat(drive(done, "DCCAN-1").path("state").asText()).isEqualTo("Received");
    assertThat(drive(done, "DCCAN-1").has("copyStatus")).isFalse();
    assertThat(fx.blobs().getBlobContainerClient("seeds-cancel").exists()).isFalse();
  }

  @Test
  void aDriveHandedOverAsABlockDeviceIsReadFromTheDevice() throws Exception {
    var drive = fx.writeDrive("DCLOOP-1", "seeds-loop", 64 * MIB, 4 * MIB + 1);
    Process attach = new ProcessBuilder("losetup", "-f", "--show", drive.image().toString()).redirectErrorStream(true)
        .start();
    String device = new String(attach.getInputStream().readAllBytes()).strip();
    assumeTrue(attach.waitFor() == 0 && device.startsWith("/dev/"),
        "skipped: this machine does not allow loop devices (" + device + ")");
    try {
      fx.createJob("import-loop", drive);
      fx.ship("import-loop", 1);
      Files.createSymbolicLink(fx.dock.resolve("DCLOOP-1"), Path.of(device));
      fx.advance("P3D");
      fx.awaitJob("import-loop", j -> j.at("/properties/state").asText().equals("Packaging"), COPY_TIMEOUT);
      fx.advance("P2D");
      JsonNode done = fx.job("import-loop");
      assertThat(done.at("/properties/state").asText()).as("%s", done).isEqualTo("Completed");
      assertBlobsMatch(drive.files());
    } finally {
      new ProcessBuilder("losetup", "-d", device).start().waitFor();
    }
  }

  @Test
  void progressIsPublishedWhileALargerDriveIsCopied() throws Exception {
    var drive = fx.writeDrive("DCBIG-1", "seeds-big", 150 * MIB, 40 * MIB, 40 * MIB, 16 * MIB + 3);
    fx.createJob("import-big", drive);
    fx.ship("import-big", 1);
    fx.handOver(drive);
    fx.advance("P3D");

    List<Integer> percents = new ArrayList<>();
    List<Long> bytes = new ArrayList<>();
    java.time.Instant deadline = java.time.Instant.now().plus(COPY_TIMEOUT);
    JsonNode job = fx.job("import-big");
    while (!job.at("/properties/state").asText().equals("Packaging")) {
      assertThat(java.time.Instant.now()).isBefore(deadline);
      JsonNode status = drive(job, "DCBIG-1");
      percents.add(status.path("percentComplete").asInt());
      bytes.add(status.path("bytesSucceeded").asLong());
      Thread.sleep(50);
      job = fx.job("import-big");
    }
    percents.add(drive(job, "DCBIG-1").path("percentComplete").asInt());
    bytes.add(drive(job, "DCBIG-1").path("bytesSucceeded").asLong());

    assertThat(percents).as("percentComplete seen").isSorted().endsWith(100);
    assertThat(percents).as("percentComplete seen between start and end").anyMatch(p -> p > 0 && p < 100);
    assertThat(bytes).as("bytesSucceeded seen").isSorted().endsWith(96 * MIB + 3);
    fx.advance("P2D");
    assertThat(fx.job("import-big").at("/properties/state").asText()).isEqualTo("Completed");
    assertBlobsMatch(drive.files());
  }

  @Test
  void faultsAreSetListedAndClearedThroughTheAdminApi() {
    assertThat(fx.fault("DCF-1", "{\"fault\":\"Melted\"}").body().at("/error/message").asText())
        .contains("WrongBitLockerKey", "CorruptedBlock", "MissingFromPackage", "NeverArrives");
    assertThat(fx.fault("DCF-1", "{\"fault\":\"CorruptedBlock\",\"blockIndex\":-1}").status()).isEqualTo(400);
    assertThat(fx.fault("DCF-1", "{\"fault\":\"NeverArrives\",\"when\":1}").status()).isEqualTo(400);
    assertThat(fx.fault("DCF-1", "{\"fault\":\"CorruptedBlock\",\"blockIndex\":2}").body().path("blockIndex").asInt())
        .isEqualTo(2);
    JsonNode described = fx.arm.get("local-azure/import-export/datacenter").body();
    assertThat(described.path("dockDir").asText()).isEqualTo(fx.dock.toString());
    assertThat(described.path("transit").asText()).isEqualTo("PT48H");
    assertThat(described.at("/faults/value").toString()).contains("\"DCF-1\"");
    assertThat(fx.arm.delete("local-azure/import-export/datacenter/faults/DCF-1").status()).isEqualTo(200);
    assertThat(fx.arm.delete("local-azure/import-export/datacenter/faults/DCF-1").status()).isEqualTo(204);
  }

  /** Every source file is a committed block blob whose blocks are the file's 4 MiB pieces, each with its MD5. */
  private static void assertBlobsMatch(List<SourceFile> files) throws Exception {
    for (SourceFile file : files) {
      String path = file.blobPath().substring(1);
      BlobContainerClient container = fx.blobs().getBlobContainerClient(path.substring(0, path.indexOf('/')));
      var blob = container.getBlobClient(path.substring(path.indexOf('/') + 1));
      assertThat(blob.exists()).as("blob %s", path).isTrue();
      List<Block> blocks = blob.getBlockBlobClient().listBlocks(BlockListType.COMMITTED).getCommittedBlocks();
      byte[] source = Files.readAllBytes(file.path());
      byte[] stored = blob.downloadContent().toBytes();
      assertThat(stored.length).as("length of %s", path).isEqualTo(source.length);
      int expectedBlocks = (int) ((source.length + 4 * MIB - 1) / (4 * MIB));
      assertThat(blocks).as("blocks of %s", path).hasSize(expectedBlocks);
      long offset = 0;
      for (int i = 0; i < blocks.size(); i++) {
        Block block = blocks.get(i);
        byte[] id = Base64.getDecoder().decode(block.getName());
        assertThat(ByteBuffer.wrap(id).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(i);
        int length = (int) block.getSizeLong();
        assertThat(length).isEqualTo((int) Math.min(4 * MIB, source.length - offset));
        assertThat(md5(Arrays.copyOfRange(stored, (int) offset, (int) offset + length)))
            .as("MD5 of block %d of %s", i, path)
            .isEqualTo(md5(Arrays.copyOfRange(source, (int) offset, (int) offset + length)));
        offset += length;
      }
    }
  }

  /** The log at {@code uri}: its name as documented, read through the SDK and parsed. */
  private static Document log(String uri, String job, String driveId, String type) throws Exception {
    assertThat(uri).matches(".*/waimportexport/" + String.format(LOG_NAME, job, driveId, type));
    String path = URI.create(uri).getPath();
    String name = path.substring(path.indexOf("/waimportexport/") + "/waimportexport/".length());
    byte[] xml = fx.blobs().getBlobContainerClient("waimportexport").getBlobClient(name).downloadContent().toBytes();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static List<Element> children(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        elements.add(e);
      }
    }
    return elements;
  }

  private static Element child(Element parent, String name) {
    return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + parent.getTagName()));
  }

  private static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }

  private static void assertConforms(JsonNode job) {
    assertThat(SwaggerDefinitions.importExport().validate("JobResponse", job)).as("%s", job).isEmpty();
  }
}
