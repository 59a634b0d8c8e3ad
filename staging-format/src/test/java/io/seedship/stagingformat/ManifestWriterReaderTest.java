package io.seedship.stagingformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.stagingformat.EntryKind;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWriterReaderTest {

    @TempDir
    Path dir;

    private static final ManifestHeader HEADER = new ManifestHeader(1, "directory /data/share", 1L << 30, 3, 4 << 20,
            new ManifestTotals(4, 2, 1, 1, 0, 10, 40, 1));
    private static final ManifestChunk CHUNK = new ManifestChunk(1, "chunk-000001.zst", 40,
            "00112233445566778899aabbccddeeff", 0, 10, List.of("00112233445566778899aabbccddeeff"));
    private static final List<ManifestEntry> ENTRIES = List.of(
            new ManifestEntry("d", EntryKind.DIRECTORY, 0, "0755", Instant.parse("2020-01-01T00:00:00Z"), null, 0,
                    List.of(), null, null),
            new ManifestEntry("d/é \"quoted\"\n.txt", EntryKind.FILE, 10, "0644",
                    Instant.parse("2020-01-01T00:00:00.123456789Z"), "ab".repeat(32), 0,
                    List.of(new Segment(1, 0, 10)), null, null),
            new ManifestEntry("d/empty", EntryKind.FILE, 0, null, Instant.parse("2020-01-01T00:00:01Z"),
                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 10, List.of(), null, null),
            new ManifestEntry("l", EntryKind.SYMLINK, 0, "0777", Instant.parse("2020-01-01T00:00:02Z"), null, 0,
                    List.of(), "d/../x", null));

    private Path write() throws Exception {
        Path file = dir.resolve(StagingManifest.FILE_NAME);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ManifestWriter writer = new ManifestWriter(bytes);
        writer.header(HEADER);
        writer.chunk(CHUNK);
        for (ManifestEntry e : ENTRIES) {
            writer.entry(e);
        }
        String sha = writer.finish();
        Files.write(file, bytes.toByteArray());
        Files.writeString(dir.resolve(StagingManifest.HASH_FILE_NAME), StagingManifest.hashLine(sha));
        assertThat(sha).isEqualTo(StagingManifest.sha256(file));
        return file;
    }

    @Test
    void aManifestReadsBackAsWritten() throws Exception {
        Path file = write();
        assertThat(ManifestReader.readHeader(file)).isEqualTo(HEADER);
        List<ManifestChunk> chunks = new ArrayList<>();
        try (ManifestCursor<ManifestChunk> cursor = ManifestReader.chunks(file)) {
            for (ManifestChunk c = cursor.next(); c != null; c = cursor.next()) {
                chunks.add(c);
            }
        }
        assertThat(chunks).containsExactly(CHUNK);
        List<ManifestEntry> entries = new ArrayList<>();
        try (ManifestCursor<ManifestEntry> cursor = ManifestReader.entries(file)) {
            for (ManifestEntry e = cursor.next(); e != null; e = cursor.next()) {
                entries.add(e);
            }
        }
        assertThat(entries).isEqualTo(ENTRIES);
        assertThat(StagingManifest.checkHash(dir)).isEqualTo(StagingManifest.sha256(file));
    }

    @Test
    void theManifestHasOneRecordPerLine() throws Exception {
        List<String> lines = Files.readAllLines(write());
        assertThat(lines.get(0)).isEqualTo("{");
        assertThat(lines.get(1)).isEqualTo("  \"format\":\"seedship-staging-manifest\",");
        assertThat(lines).anyMatch(l -> l.startsWith("    {\"chunk\":1,\"name\":\"chunk-000001.zst\""));
        assertThat(lines).anyMatch(l -> l.startsWith("    {\"path\":\"l\",\"kind\":\"SYMLINK\""));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("}");
    }

    @Test
    void anAlteredManifestFailsItsHashCheck() throws Exception {
        Path file = write();
        Files.writeString(file, Files.readString(file).replace("\"size\":10", "\"size\":11"));
        assertThatThrownBy(() -> StagingManifest.checkHash(dir)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("was altered or damaged");
    }

    @Test
    void aFileOfAnotherFormatIsRefused() throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"format\":\"something-else\",\"formatVersion\":1}");
        assertThatThrownBy(() -> ManifestReader.readHeader(file)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("is not a staging manifest");
        Files.writeString(file, "{\"format\":\"seedship-staging-manifest\",\"formatVersion\":1,\"chu");
        assertThatThrownBy(() -> ManifestReader.readHeader(file)).isInstanceOf(ManifestException.class);
    }

    @Test
    void chunkNamesHaveSixDigits() {
        assertThat(StagingManifest.chunkName(1)).isEqualTo("chunk-000001.zst");
        assertThat(StagingManifest.chunkName(1234567)).isEqualTo("chunk-1234567.zst");
    }
}
