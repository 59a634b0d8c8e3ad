package io.seedship.localazure.datacenter;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.localazure.storage.BlobService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The copy log's shape (formats doc 2.2, 2.4) and what the error log keeps. */
class DriveLogTest {

  private static final String H = "0123456789ABCDEF0123456789ABCDEF";

  @Test
  void theVerboseLogHoldsEverythingAndTheErrorLogOnlyTheFailures() {
    DriveLog log = new DriveLog("WD-WMATV123456");
    DriveLog.BlobEntry good = new DriveLog.BlobEntry(new Manifest.Entry("pictures/desert.jpg", "\\desert.jpg", 98304,
        "overwrite", false, List.of()));
    good.importDispositionStatus = "Created";
    good.status = "Completed";
    good.blocks.add(new DriveLog.BlockEntry(0, 65536, "AAAAAA==", H, "Completed"));
    good.blocks.add(new DriveLog.BlockEntry(65536, 32768, "AQAAAA==", H, "Completed"));
    DriveLog.BlobEntry bad = new DriveLog.BlobEntry(new Manifest.Entry("pictures/koala.jpg", "\\koala.jpg", 8,
        "rename", false, List.of()));
    bad.importDispositionStatus = "Created";
    bad.status = "CompletedWithErrors";
    bad.blocks.add(new DriveLog.BlockEntry(0, 4, "AAAAAA==", H, "Uncommitted"));
    bad.blocks.add(new DriveLog.BlockEntry(4, 4, "AQAAAA==", H, "Corrupted"));
    log.blobs.addAll(List.of(good, bad));
    log.status = "CompletedWithErrors";

    String verbose = new String(log.verbose(), StandardCharsets.UTF_8);
    String errors = new String(log.errors(), StandardCharsets.UTF_8);

    assertThat(verbose).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .contains("<DriveLog Version=\"2014-11-01\">", "<DriveId>WD-WMATV123456</DriveId>",
            "<Blob Status=\"Completed\">", "<BlobPath>pictures/desert.jpg</BlobPath>",
            "<ImportDisposition Status=\"Created\">overwrite</ImportDisposition>",
            "<Block Offset=\"65536\" Length=\"32768\" Id=\"AQAAAA==\" Hash=\"" + H + "\" Status=\"Completed\"/>",
            "<Block Offset=\"0\" Length=\"4\" Id=\"AAAAAA==\" Hash=\"" + H + "\" Status=\"Uncommitted\"/>")
        .endsWith("<Status>CompletedWithErrors</Status>\n</DriveLog>\n");
    assertThat(errors).doesNotContain("desert.jpg", "Uncommitted")
        .contains("<Blob Status=\"CompletedWithErrors\">", "Status=\"Corrupted\"/>",
            "<Status>CompletedWithErrors</Status>");
  }

  @Test
  void aDriveThatFailedAsAWholeHasNoBlobs() {
    DriveLog log = new DriveLog("D1");
    log.status = "BitLockerKeyInvalid";
    assertThat(new String(log.errors(), StandardCharsets.UTF_8))
        .contains("<DriveId>D1</DriveId>\n  <Status>BitLockerKeyInvalid</Status>");
  }

  @Test
  void renamesFollowTheDocumentedRule() {
    assertThat(DriveCopy.renamed("photos/Seattle.jpg", 2)).isEqualTo("photos/Seattle (2).jpg");
    assertThat(DriveCopy.renamed("photos/Seattle", 3)).isEqualTo("photos/Seattle (3)");
    assertThat(DriveCopy.renamed("v1.0/backup", 2)).isEqualTo("v1.0/backup (2)");
    assertThat(DriveCopy.renamed("a/.hidden", 2)).isEqualTo("a/.hidden (2)");
  }

  @Test
  void onlyHeaderHashesOfThePublishedShapeAreChecked() {
    assertThat(HeaderHash.parse("0:1048576:" + "A".repeat(128) + ";135266304:143360:" + "b".repeat(128)))
        .extracting(HeaderHash.Range::offset).containsExactly(0L, 135266304L);
    assertThat(HeaderHash.parse("AZ31BGB1")).isEmpty();
    assertThat(HeaderHash.parse("")).isEmpty();
    assertThat(HeaderHash.parse("0:512:" + "A".repeat(40))).isEmpty();
  }

  @Test
  void blobPathsAreEncodedSegmentBySegment() {
    assertThat(BlobService.encodePath("seed/a b/ü+x.bin")).isEqualTo("seed/a%20b/%C3%BC%2Bx.bin");
  }
}
