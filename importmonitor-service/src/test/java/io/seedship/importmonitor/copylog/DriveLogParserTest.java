package io.seedship.importmonitor.copylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DriveLogParserTest {

  /** The published verbose example's shape (formats doc 2.4): one blob fine, one with a corrupted block. */
  static final String LOG = """
      <?xml version="1.0" encoding="utf-8"?>
      <DriveLog Version="2014-11-01">
        <DriveId>WD-WMATV123456</DriveId>
        <Blob Status="Completed">
          <BlobPath>pictures/bob/wild/desert.jpg</BlobPath>
          <FilePath>\\Users\\bob\\Pictures\\wild\\desert.jpg</FilePath>
          <Length>98304</Length>
          <ImportDisposition Status="Created">overwrite</ImportDisposition>
          <BlockList>
            <Block Offset="0" Length="65536" Id="AAAAAA==" Hash="9C8AE96A8BD7F15DD5E7E5E0F5D0F05A" Status="Completed" />
            <Block Offset="65536" Length="32768" Id="AQAAAA==" Hash="DF54C531C9B3CA2570FDDDB3BCD0E27D" Status="Completed" />
          </BlockList>
        </Blob>
        <Blob Status="CompletedWithErrors">
          <BlobPath>pictures/bob/wild/canyon.jpg</BlobPath>
          <FilePath>\\Users\\bob\\Pictures\\wild\\canyon.jpg</FilePath>
          <Length>98304</Length>
          <BlockList>
            <Block Offset="0" Length="65536" Id="AAAAAA==" Hash="9C8AE96A8BD7F15DD5E7E5E0F5D0F05A" Status="Uncommitted" />
            <Block Offset="65536" Length="32768" Id="AQAAAA==" Hash="DF54C531C9B3CA2570FDDDB3BCD0E27D" Status="Corrupted" />
          </BlockList>
        </Blob>
        <Status>CompletedWithErrors</Status>
      </DriveLog>
      """;

  @Test
  void failedBlobsAndBlocksAreNamedAndGoodOnesLeftOut() {
    var report = DriveLogParser.parse(LOG.getBytes(StandardCharsets.UTF_8));

    assertThat(report.driveId()).isEqualTo("WD-WMATV123456");
    assertThat(report.driveStatus()).isEqualTo("CompletedWithErrors");
    assertThat(report.blobs()).isEqualTo(2);
    assertThat(report.failedBlobs()).singleElement().satisfies(blob -> {
      assertThat(blob.getBlobPath()).isEqualTo("pictures/bob/wild/canyon.jpg");
      assertThat(blob.getFilePath()).isEqualTo("\\Users\\bob\\Pictures\\wild\\canyon.jpg");
      assertThat(blob.getStatus()).isEqualTo("CompletedWithErrors");
      assertThat(blob.getFailedBlocks()).singleElement().satisfies(block -> {
        assertThat(block.getOffset()).isEqualTo(65536);
        assertThat(block.getLength()).isEqualTo(32768);
        assertThat(block.getBlockId()).isEqualTo("AQAAAA==");
        assertThat(block.getStatus()).isEqualTo("Corrupted");
      });
    });
  }

  @Test
  void aDriveErrorWithNoBlobIsReadAsItsStatus() {
    var report = DriveLogParser.parse("""
        <DriveLog Version="2014-11-01"><DriveId>D1</DriveId><Status>BitLockerKeyInvalid</Status></DriveLog>"""
        .getBytes(StandardCharsets.UTF_8));
    assertThat(report.driveStatus()).isEqualTo("BitLockerKeyInvalid");
    assertThat(report.failedBlobs()).isEmpty();
  }

  @Test
  void aDoctypeOrExternalEntityIsRefusedNotResolved() {
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE DriveLog [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <DriveLog Version="2014-11-01"><DriveId>&x;</DriveId><Status>Completed</Status></DriveLog>""";
    assertThatThrownBy(() -> DriveLogParser.parse(xxe.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOCTYPE");
    assertThatThrownBy(() -> DriveLogParser.parse("<Other/>".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a DriveLog");
  }
}
