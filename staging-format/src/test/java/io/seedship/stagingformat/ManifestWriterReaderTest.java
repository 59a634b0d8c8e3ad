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

    private static final ManifestHeader HEADER = new ManifestHeader(StagingManifest.FORMAT_VERSION,
            "directory /data/share", 1L << 30, 3, 4 << 20, FileHash.XXH3_128, new ManifestTotals(4, 2, 1, 1, 0, 10, 40, 1));
    private static final ManifestChunk CHUNK = new ManifestChunk(1, "chunk-000001.zst", 40, null, 0, 10,
            List.of("00112233445566778899aabbccddeeff"));
    private static final List<ManifestEntry> ENTRIES = List.of(
            new ManifestEntry("d", EntryKind.DIRECTORY, 0, "0755", Instant.parse("2020-01-01T00:00:00Z"), null, 0,
                    List.of(), null, null),
            new ManifestEntry("d/é \"quoted\"\n.txt", EntryKind.FILE, 10, "0644",
                    Instant.parse("2020-01-01T00:00:00.123456789Z"), new FileDigest(FileHash.XXH3_128, "ab".repeat(16)), 0,
                    List.of(new Segment(1, 0, 10)), null, null),
            new ManifestEntry("d/empty", EntryKind.FILE, 0, null, Instant.parse("2020-01-01T00:00:01Z"),
                    new FileDigest(FileHash.XXH3_128, "99aa06d3014798d86001c324468d497f"), 10, List.of(), null, null),
            new ManifestEntry("l", EntryKind.SYMLINK, 0, "0777", Instant.parse("2020-01-01T00:00:02Z"), null, 0,
                    List.of(), "d/../x", null));

    private Path write() throws Exception {
        return write(HEADER, CHUNK, ENTRIES);
    }

    private Path write(ManifestHeader header, ManifestChunk chunk, List<ManifestEntry> entries) throws Exception {
        Path file = dir.resolve(StagingManifest.FILE_NAME);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ManifestWriter writer = new ManifestWriter(bytes);
        writer.header(header);
        writer.chunk(chunk);
        for (ManifestEntry e : entries) {
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
    void aVersion1ManifestReadsBackWithItsWholeChunkMd5AndSha256() throws Exception {
        ManifestHeader v1 = new ManifestHeader(1, "directory /data/share", 1L << 30, 3, 4 << 20, FileHash.SHA_256,
                HEADER.totals());
        ManifestChunk chunk = new ManifestChunk(1, "chunk-000001.zst", 40, "00112233445566778899aabbccddeeff", 0, 10,
                List.of("00112233445566778899aabbccddeeff"));
        ManifestEntry file = new ManifestEntry("f", EntryKind.FILE, 10, "0644", Instant.parse("2020-01-01T00:00:00Z"),
                new FileDigest(FileHash.SHA_256, "ab".repeat(32)), 0, List.of(new Segment(1, 0, 10)), null, null);
        Path manifest = write(v1, chunk, List.of(file));
        assertThat(Files.readString(manifest)).contains("\"hashes\":{").doesNotContain("\"checks\"")
                .contains("\"sha256\":\"" + "ab".repeat(32));
        assertThat(ManifestReader.readHeader(manifest)).isEqualTo(v1);
        try (ManifestCursor<ManifestChunk> chunks = ManifestReader.chunks(manifest);
             ManifestCursor<ManifestEntry> entries = ManifestReader.entries(manifest)) {
            assertThat(chunks.next()).isEqualTo(chunk);
            assertThat(entries.next()).isEqualTo(file);
        }
    }

    @Test
    void version2NamesItsChecksAndDropsTheWholeChunkMd5() throws Exception {
        String text = Files.readString(write());
        assertThat(text).contains("\"checks\":{\"file\":{\"hash\":\"xxh128\"", "\"frame\":{\"hash\":\"xxh64\"",
                "\"block\":{\"hash\":\"md5\"", "\"xxh128\":\"" + "ab".repeat(16)).doesNotContain("\"md5\":");
    }

    @Test
    void anUnknownVersionOrFileHashIsRefusedByName() throws Exception {
        Path file = write();
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"formatVersion\":2", "\"formatVersion\":3"));
        assertThatThrownBy(() -> ManifestReader.readHeader(file)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("format version 3; this reader knows 1 to 2");
        Files.writeString(file, text.replace("\"hash\":\"xxh128\"", "\"hash\":\"crc32\""));
        assertThatThrownBy(() -> ManifestReader.readHeader(file)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("checks.file.hash 'crc32'");
    }

    /** The values xxhsum -H2 and sha256sum print for the same bytes. */
    @Test
    void fileHashesMatchTheCommandLineTools() {
        assertThat(digest(FileHash.XXH3_128, "")).isEqualTo("99aa06d3014798d86001c324468d497f");
        assertThat(digest(FileHash.XXH3_128, "abc")).isEqualTo("06b05ab6733a618578af5f94892f3950");
        assertThat(digest(FileHash.XXH3_128, "x".repeat(100_000))).isEqualTo("0fe996a84987456bd8b99a30e426ac41");
        assertThat(digest(FileHash.SHA_256, "abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aDirectBufferHashesLikeAnArrayInPieces() {
        byte[] bytes = new byte[200_003];
        new java.util.Random(3).nextBytes(bytes);
        for (FileHash hash : FileHash.values()) {
            FileHash.Hasher whole = hash.newHasher();
            whole.update(bytes, 0, bytes.length);
            FileHash.Hasher pieces = hash.newHasher();
            java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            pieces.update(direct.slice(0, 70_001));
            pieces.update(direct.slice(70_001, bytes.length - 70_001));
            assertThat(pieces.digest()).as(hash.label).isEqualTo(whole.digest());
        }
    }

    private static String digest(FileHash hash, String text) {
        FileHash.Hasher h = hash.newHasher();
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        h.update(java.nio.ByteBuffer.wrap(bytes));
        return h.digest().hex();
    }

    @Test
    void chunkNamesHaveSixDigits() {
        assertThat(StagingManifest.chunkName(1)).isEqualTo("chunk-000001.zst");
        assertThat(StagingManifest.chunkName(1234567)).isEqualTo("chunk-1234567.zst");
    }
}
