package io.seedship.staging.restore;

import io.seedship.stagingformat.restore.StagingRestorer;
import io.seedship.stagingformat.restore.RestoreReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.staging.chunks.StagingOptions;
import io.seedship.staging.chunks.StagingResult;
import io.seedship.staging.chunks.StagingWriter;
import io.seedship.stagingformat.ManifestException;
import io.seedship.stagingformat.FileHash;
import io.seedship.stagingformat.ManifestHeader;
import io.seedship.stagingformat.ManifestTotals;
import io.seedship.stagingformat.ManifestWriter;
import io.seedship.stagingformat.ManifestEntry;
import io.seedship.stagingformat.StagingManifest;
import io.seedship.staging.source.DirectoryTreeSource;
import io.seedship.stagingformat.EntryKind;
import io.seedship.staging.source.Trees;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingRestorerTest {

    private static final int MIB = Trees.MIB;

    @TempDir
    Path dir;

    private Path source;
    private Path staging;
    private StagingResult result;

    @BeforeEach
    void stage() throws Exception {
        source = dir.resolve("source");
        Trees.text(source.resolve("a/log.txt"), 5L * MIB, 1);
        Trees.random(source.resolve("b/data.bin"), 3L * MIB, 2);
        Files.writeString(source.resolve("c.txt"), "small\n");
        staging = dir.resolve("staging");
        result = new StagingWriter(StagingOptions.defaults().withChunkTargetBytes(MIB).withThreads(2))
                .write(new DirectoryTreeSource(source), staging, null);
    }

    @Test
    void verifyChecksEverythingAndWritesNothing() throws Exception {
        RestoreReport report = new StagingRestorer().verify(staging);
        assertThat(report.files()).isEqualTo(3);
        assertThat(report.bytes()).isEqualTo(8L * MIB + 6);
        assertThat(report.chunks()).isEqualTo(result.chunkCount());
        assertThat(report.manifestSha256()).isEqualTo(result.manifestSha256());
    }

    @Test
    void aDamagedChunkIsNamed() throws Exception {
        Path chunk = staging.resolve(StagingManifest.chunkName(2));
        byte[] bytes = Files.readAllBytes(chunk);
        bytes[bytes.length - 10] ^= 0x40;
        Files.write(chunk, bytes);
        assertThatThrownBy(() -> new StagingRestorer().verify(staging)).isInstanceOf(ManifestException.class)
                .hasMessageContaining(StagingManifest.chunkName(2));
    }

    @Test
    void aMissingOrTruncatedChunkIsNamed() throws Exception {
        Path chunk = staging.resolve(StagingManifest.chunkName(1));
        Files.write(chunk, java.util.Arrays.copyOf(Files.readAllBytes(chunk), 100));
        assertThatThrownBy(() -> new StagingRestorer().verify(staging))
                .hasMessageContaining(StagingManifest.chunkName(1)).hasMessageContaining("the manifest records");
        Files.delete(chunk);
        assertThatThrownBy(() -> new StagingRestorer().restore(staging, dir.resolve("out")))
                .hasMessageContaining(StagingManifest.chunkName(1)).hasMessageContaining("missing");
    }

    @Test
    void aManifestWhoseHashFileDisagreesIsRefused() throws Exception {
        Path manifest = staging.resolve(StagingManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace("c.txt", "d.txt"));
        assertThatThrownBy(() -> new StagingRestorer().verify(staging)).hasMessageContaining("altered or damaged");
    }

    @Test
    void aFileWhoseBytesDoNotMatchItsHashIsNamed() throws Exception {
        Path manifest = staging.resolve(StagingManifest.FILE_NAME);
        String text = Files.readString(manifest);
        int at = text.indexOf("\"xxh128\":\"", text.indexOf("\"path\":\"b/data.bin\"")) + 10;
        String tampered = text.substring(0, at) + "0".repeat(32) + text.substring(at + 32);
        Files.writeString(manifest, tampered);
        Files.writeString(staging.resolve(StagingManifest.HASH_FILE_NAME),
                StagingManifest.hashLine(StagingManifest.sha256(manifest)));
        assertThatThrownBy(() -> new StagingRestorer().verify(staging)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("b/data.bin").hasMessageContaining("XXH3-128");
    }

    @Test
    void theTargetMustBeEmpty() throws Exception {
        Path target = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(target.resolve("already here"), "x");
        assertThatThrownBy(() -> new StagingRestorer().restore(staging, target))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("must be empty");
    }

    @Test
    void aManifestPathLeavingTheTargetIsRefused() throws Exception {
        Path evil = Files.createDirectories(dir.resolve("evil"));
        try (OutputStream out = Files.newOutputStream(evil.resolve(StagingManifest.FILE_NAME))) {
            ManifestWriter writer = new ManifestWriter(out);
            writer.header(new ManifestHeader(StagingManifest.FORMAT_VERSION, "directory /x", MIB, 3, 4 * MIB,
                    FileHash.XXH3_128, new ManifestTotals(1, 0, 0, 1, 0, 0, 0, 0)));
            writer.entry(new ManifestEntry("../escaped", EntryKind.SYMLINK, 0, null, Instant.EPOCH, null, 0, List.of(),
                    "/etc", null));
            Files.writeString(evil.resolve(StagingManifest.HASH_FILE_NAME), StagingManifest.hashLine(writer.finish()));
        }
        assertThatThrownBy(() -> new StagingRestorer().restore(evil, dir.resolve("out")))
                .isInstanceOf(ManifestException.class).hasMessageContaining("'..'");
        assertThat(dir.resolve("escaped")).doesNotExist();
    }

    @Test
    void checkPathAcceptsNormalRelativePathsOnly() {
        for (String bad : List.of("", "/abs", "a//b", "a/./b", "a/..", "a/")) {
            assertThatThrownBy(() -> StagingRestorer.checkPath(bad)).as(bad).isInstanceOf(ManifestException.class);
        }
        for (String good : List.of("a", "a/b c/d", "..a", "a..", "é/日本")) {
            org.assertj.core.api.Assertions.assertThatCode(() -> StagingRestorer.checkPath(good)).doesNotThrowAnyException();
        }
    }
}
