package io.seedship.localazure.datacenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.driveformat.manifest.DriveManifest;
import io.seedship.driveformat.manifest.ManifestBlob;
import io.seedship.driveformat.manifest.ManifestBlock;
import io.seedship.driveformat.manifest.ManifestXml;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The datacenter's own manifest reader: Seedship's writer's output, the published shapes, and what it refuses. */
class ManifestTest {

  private static final String H = "0123456789ABCDEF0123456789ABCDEF";
  private static final long MIB = 1024 * 1024;

  @Test
  void readsWhatSeedshipsWriterWrites() throws Exception {
    byte[] written = ManifestXml.write(new DriveManifest("WD-1", null, List.of(
        new ManifestBlob("/seeds/a/b.bin", "\\000000_b.bin", 5 * MIB, "rename",
            List.of(new ManifestBlock(0, 4 * MIB, H), new ManifestBlock(4 * MIB, MIB, H))),
        new ManifestBlob("/seeds/empty", "\\000001_empty", 0, "overwrite", List.of()))));

    Manifest manifest = Manifest.parse(written);

    assertThat(manifest.version()).isEqualTo("2014-11-01");
    assertThat(manifest.driveId()).isEqualTo("WD-1");
    assertThat(manifest.blobs()).hasSize(2);
    Manifest.Entry first = manifest.blobs().get(0);
    assertThat(first.blobPath()).isEqualTo("seeds/a/b.bin");
    assertThat(first.container()).isEqualTo("seeds");
    assertThat(first.blobName()).isEqualTo("a/b.bin");
    assertThat(first.filePath()).isEqualTo("\\000000_b.bin");
    assertThat(first.importDisposition()).isEqualTo("rename");
    assertThat(first.blocks()).extracting(Manifest.Block::id).containsExactly("AAAAAA==", "AQAAAA==");
    assertThat(manifest.blobs().get(1).blocks()).isEmpty();
  }

  @Test
  void readsThePublishedShapeWithoutIdsWithALeadingSlashAndExtraElements() throws Exception {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <DriveManifest Version="2011-10-01">
          <Drive>
            <DriveId>9WM35C3U</DriveId>
            <ClientCreator>Windows Azure Import/Export service</ClientCreator>
            <BlobList Id="session#1-0">
              <!-- a comment -->
              <Blob>
                <BlobPath>/pictures/animals/koala.jpg</BlobPath>
                <FilePath>\\pictures\\animals\\koala.jpg</FilePath>
                <Length>8184</Length>
                <BlockList>
                  <Block Offset="0" Length="2721" Hash=" %1$s"/>
                  <Block Offset="2721" Length="2721" Hash="%1$s"/>
                  <Block Offset="5442" Length="2742" Hash="%1$s"/>
                </BlockList>
                <PropertiesPath Hash="%1$s">\\pictures\\animals\\koala.jpg.properties</PropertiesPath>
              </Blob>
            </BlobList>
          </Drive>
        </DriveManifest>
        """.formatted(H.toLowerCase());

    Manifest manifest = Manifest.parse(xml.getBytes(StandardCharsets.UTF_8));

    Manifest.Entry blob = manifest.blobs().get(0);
    assertThat(blob.blobPath()).isEqualTo("pictures/animals/koala.jpg");
    assertThat(blob.importDisposition()).as("the documented default").isEqualTo("rename");
    assertThat(blob.blocks()).extracting(Manifest.Block::id).containsExactly("AAAAAA==", "AQAAAA==", "AgAAAA==");
    assertThat(blob.blocks()).extracting(Manifest.Block::hash).containsOnly(H);
  }

  @Test
  void refusesManifestsThatBreakTheFormat() {
    assertInvalid("<DriveManifest Version=\"2014-11-01\"><Drive><DriveId>X</DriveId>", "well-formed");
    assertInvalid("<Manifest/>", "not DriveManifest");
    assertInvalid("<DriveManifest><Drive><DriveId>X</DriveId></Drive></DriveManifest>", "Version");
    assertInvalid("<DriveManifest Version=\"2014-11-01\"><Drive><BlobList/></Drive></DriveManifest>", "DriveId");
    assertInvalid(blob(10, "<Block Offset=\"0\" Length=\"4\" Hash=\"" + H + "\"/><Block Offset=\"5\" Length=\"5\" Hash=\""
        + H + "\"/>"), "should start at 4");
    assertInvalid(blob(10, "<Block Offset=\"0\" Length=\"4\" Hash=\"" + H + "\"/>"), "Length is 10");
    assertInvalid(blob(5 * MIB, "<Block Offset=\"0\" Length=\"" + 5 * MIB + "\" Hash=\"" + H + "\"/>"), "1 to 4194304");
    assertInvalid(blob(8, "<Block Offset=\"0\" Length=\"4\" Id=\"AAAAAA==\" Hash=\"" + H + "\"/><Block Offset=\"4\""
        + " Length=\"4\" Hash=\"" + H + "\"/>"), "all blocks");
    assertInvalid(blob(4, "<Block Offset=\"0\" Length=\"4\" Hash=\"xyz\"/>"), "Base16 MD5");
    assertInvalid(blob(4, "<Block Offset=\"0\" Length=\"4\" Hash=\"" + H + "\"/>").replace("overwrite", "sometimes"),
        "ImportDisposition");
    assertInvalid(blob(4, "<Block Offset=\"0\" Length=\"4\" Hash=\"" + H + "\"/>").replace("c/b", "nocontainer"),
        "<container>/<blob name>");
  }

  @Test
  void refusesDocumentTypeDeclarations() {
    assertInvalid("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<DriveManifest Version=\"2014-11-01\"><Drive><DriveId>&x;</DriveId></Drive></DriveManifest>", "");
  }

  private static String blob(long length, String blocks) {
    return "<DriveManifest Version=\"2014-11-01\"><Drive><DriveId>X</DriveId><BlobList><Blob><BlobPath>c/b</BlobPath>"
        + "<FilePath>\\b</FilePath><Length>" + length + "</Length><ImportDisposition>overwrite</ImportDisposition>"
        + "<BlockList>" + blocks + "</BlockList></Blob></BlobList></Drive></DriveManifest>";
  }

  private static void assertInvalid(String xml, String mentions) {
    assertThatThrownBy(() -> Manifest.parse(xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DriveFailure.class)
        .hasMessageContaining(mentions)
        .satisfies(e -> assertThat(((DriveFailure) e).status()).isEqualTo("ManifestFormatInvalid"));
  }
}
