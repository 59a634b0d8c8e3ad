package io.seedship.driveformat.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestXmlTest {

    private static final String A = "0123456789ABCDEF0123456789ABCDEF";
    private static final String B = "FEDCBA9876543210FEDCBA9876543210";

    private static DriveManifest manifest(String hash) {
        return new DriveManifest("WD-WCC4E0123456", null, List.of(
                new ManifestBlob("/seeds/job 1/chunk-0 & <1>.zst", "\\000000_chunk-0 & _1_.zst", 4194305, "rename", List.of(
                        new ManifestBlock(0, 4194304, hash), new ManifestBlock(4194304, 1, hash))),
                new ManifestBlob("/seeds/empty", "\\000001_empty", 0, "rename", List.of())));
    }

    @Test
    void writesTheDocumentedShapeAndReadsItBack() throws Exception {
        byte[] xml = ManifestXml.write(manifest(A));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<DriveManifest Version=\"2014-11-01\">")
                .contains("<DriveId>WD-WCC4E0123456</DriveId>")
                .contains("<BlobPath>seeds/job 1/chunk-0 &amp; &lt;1&gt;.zst</BlobPath>")
                .contains("<FilePath>\\000000_chunk-0 &amp; _1_.zst</FilePath>")
                .contains("<Length>4194305</Length>")
                .contains("<ImportDisposition>rename</ImportDisposition>")
                .contains("<Block Offset=\"0\" Length=\"4194304\" Id=\"AAAAAA==\" Hash=\"" + A + "\"/>")
                .contains("<Block Offset=\"4194304\" Length=\"1\" Id=\"AQAAAA==\" Hash=\"" + A + "\"/>")
                .doesNotContain("ClientCreator").doesNotContain("<BlobPath>/")
                .doesNotContain("StorageAccountKey").doesNotContain("ContainerSas");

        DriveManifest read = ManifestXml.read(new ByteArrayInputStream(xml));
        assertThat(read).isEqualTo(manifest(A));
    }

    @Test
    void lengthDoesNotDependOnTheHashes() {
        // the writer preallocates the manifest file before it knows the hashes
        assertThat(ManifestXml.write(manifest(A))).hasSameSizeAs(ManifestXml.write(manifest(B)));
        assertThat(ManifestXml.write(manifest(A))).isNotEqualTo(ManifestXml.write(manifest(B)));
    }

    @Test
    void refusesAnotherVersionAndExternalEntities() {
        String other = "<?xml version=\"1.0\"?><DriveManifest Version=\"2012-01-01\"><Drive><DriveId>x</DriveId></Drive></DriveManifest>";
        assertThatThrownBy(() -> ManifestXml.read(new ByteArrayInputStream(other.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ManifestException.class).hasMessageContaining("Version must be 2014-11-01");
        String entity = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<DriveManifest Version=\"2014-11-01\"><Drive><DriveId>&x;</DriveId></Drive></DriveManifest>";
        assertThatThrownBy(() -> ManifestXml.read(new ByteArrayInputStream(entity.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ManifestException.class);
    }

    @Test
    void namesTheFieldThatIsWrong() {
        String badLength = "<DriveManifest Version=\"2014-11-01\"><Drive><DriveId>d</DriveId><BlobList><Blob>"
                + "<BlobPath>/c/b</BlobPath><FilePath>\\b</FilePath><Length>ten</Length></Blob></BlobList></Drive></DriveManifest>";
        assertThatThrownBy(() -> ManifestXml.read(new ByteArrayInputStream(badLength.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ManifestException.class).hasMessageContaining("Blob/Length");
        assertThatThrownBy(() -> new ManifestBlock(0, 4194305, A)).hasMessageContaining("length 4194305");
        assertThatThrownBy(() -> new ManifestBlock(0, 10, "abc")).hasMessageContaining("Hash");
        assertThatThrownBy(() -> new ManifestBlob("/c/b", "\\b", 20, "rename", List.of(new ManifestBlock(0, 10, A))))
                .hasMessageContaining("cover 10 bytes of a 20-byte file");
    }

    @Test
    void blockIdsHaveOneLengthAndBlobPathsWithoutTheirSlashAreRead() throws Exception {
        assertThat(ManifestXml.blockId(0)).isEqualTo("AAAAAA==");
        assertThat(ManifestXml.blockId(3)).isEqualTo("AwAAAA==");
        assertThat(ManifestXml.blockId(49_999)).hasSize(8);
        String published = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DriveManifest Version=\"2014-11-01\"><Drive><DriveId>D1</DriveId>"
                + "<ClientCreator>someone</ClientCreator><BlobList><Blob><BlobPath>seeds/b</BlobPath><FilePath>\\b</FilePath>"
                + "<Length>1</Length><BlockList><Block Offset=\"0\" Length=\"1\" Id=\"AAAAAA==\" Hash=\"" + A + "\"/></BlockList>"
                + "</Blob></BlobList></Drive></DriveManifest>";
        DriveManifest read = ManifestXml.read(new ByteArrayInputStream(published.getBytes(StandardCharsets.UTF_8)));
        assertThat(read.blobs().get(0).blobPath()).isEqualTo("/seeds/b");
    }
}
