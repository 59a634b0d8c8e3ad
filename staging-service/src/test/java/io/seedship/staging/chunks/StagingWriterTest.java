package io.seedship.staging.chunks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seedship.stagingformat.Hex;
import io.seedship.stagingformat.ManifestChunk;
import io.seedship.stagingformat.ManifestCursor;
import io.seedship.stagingformat.ManifestEntry;
import io.seedship.stagingformat.ManifestHeader;
import io.seedship.stagingformat.ManifestReader;
import io.seedship.stagingformat.StagingManifest;
import io.seedship.stagingformat.restore.RestoreReport;
import io.seedship.stagingformat.restore.StagingRestorer;
import io.seedship.staging.source.DirectoryTreeSource;
import io.seedship.stagingformat.EntryKind;
import io.seedship.staging.source.MixedTree;
import io.seedship.staging.source.Trees;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StagingWriterTest {

    @TempDir
    Path dir;

    private static StagingOptions options(int chunkMib, int blockBytes, int threads) {
        return StagingOptions.defaults().withChunkTargetBytes(chunkMib * StagingOptions.MIB).withBlockBytes(blockBytes)
                .withThreads(threads).withProgressInterval(Duration.ZERO);
    }

    @ParameterizedTest(name = "chunks of {0} MiB, blocks of {1} bytes, {2} threads")
    @CsvSource({"1, 4194304, 2", "1, 262144, 3", "2, 65536, 1"})
    void aMixedTreeIsStagedAndRestoredByteForByte(int chunkMib, int blockBytes, int threads) throws Exception {
        MixedTree tree = MixedTree.create(dir.resolve("source"));
        Path staging = dir.resolve("staging");
        List<StagingProgress> reports = new ArrayList<>();
        StagingResult result = new StagingWriter(options(chunkMib, blockBytes, threads))
                .write(new DirectoryTreeSource(tree.root), staging, reports::add);

        assertThat(result.manifestPath()).isEqualTo(staging.resolve(StagingManifest.FILE_NAME));
        assertThat(result.manifestSha256()).isEqualTo(StagingManifest.sha256(result.manifestPath()));
        assertThat(result.chunkCount()).as("the 23 MiB of big files span several chunks").isGreaterThan(5);
        assertThat(result.stagedBytes()).isLessThan(result.sourceBytes());
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(reports.size() - 1).finished()).isTrue();
        assertThat(reports.get(reports.size() - 1).bytesDone()).isEqualTo(result.sourceBytes());
        try (Stream<Path> files = Files.list(staging)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("chunk-")))
                    .as("only chunks and the manifest remain").containsExactlyInAnyOrder(StagingManifest.FILE_NAME,
                            StagingManifest.HASH_FILE_NAME);
        }

        Map<String, ManifestEntry> entries = entries(result.manifestPath());
        if (tree.hasFifo) {
            assertThat(entries.get("a fifo").kind()).isEqualTo(EntryKind.OTHER);
            assertThat(entries.get("a fifo").skipReason()).startsWith("fifo");
            assertThat(result.skipped()).containsExactly(new StagingResult.Skipped("a fifo", "fifo",
                    "not a regular file, directory or symlink"));
        }
        assertThat(result.skippedCount()).isEqualTo(tree.hasFifo ? 1 : 0);
        assertThat(entries.get("links/dangling").linkTarget()).isEqualTo("nowhere/at all");
        assertThat(entries.get("links/absolute").linkTarget()).isEqualTo(tree.root.resolve("one").toAbsolutePath().toString());
        assertThat(entries.get("modes/tool").mode()).isEqualTo("4755");
        assertThat(entries.get("one").mtime()).hasToString("2001-02-03T04:05:06.123456789Z");
        assertThat(entries.get("big/log.txt").segments()).hasSizeGreaterThan(1);
        assertThat(entries).containsKey("unicode/emoji 😀🚀.txt").containsKey("empty dir/nested empty");

        Path restored = dir.resolve("restored");
        RestoreReport report = new StagingRestorer().restore(staging, restored);
        Trees.assertSameTree(tree.root, restored);
        assertThat(report.files()).isEqualTo(result.fileCount());
        assertThat(report.bytes()).isEqualTo(result.sourceBytes());
        assertThat(report.skipped()).isEqualTo(tree.hasFifo ? 1 : 0);
    }

    @Test
    void theResultListsTheFirstHundredSkippedEntriesAndCountsThemAll() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("data.txt"), "kept\n");
        Process mkfifo = new ProcessBuilder(java.util.stream.Stream.concat(java.util.stream.Stream.of("mkfifo"),
                java.util.stream.IntStream.range(0, 130).mapToObj(i -> source.resolve(String.format("pipe-%03d", i))
                        .toString())).toList()).inheritIO().start();
        org.assertj.core.api.Assumptions.assumeThat(mkfifo.waitFor()).as("mkfifo").isZero();
        Path staging = dir.resolve("staging");

        StagingResult result = new StagingWriter(options(1, 65536, 1)).write(new DirectoryTreeSource(source), staging,
                null);

        assertThat(result.skippedCount()).isEqualTo(130);
        assertThat(result.skipped()).hasSize(StagingResult.SKIPPED_LISTED);
        assertThat(result.skipped().getFirst()).isEqualTo(new StagingResult.Skipped("pipe-000", "fifo",
                "not a regular file, directory or symlink"));
        assertThat(result.skipped().getLast().path()).isEqualTo("pipe-099");
        assertThat(result.fileCount()).isEqualTo(1);

        StagingResult again = new StagingWriter(options(1, 65536, 1)).write(new DirectoryTreeSource(source), staging,
                null);
        assertThat(again.skipped()).as("a completed staging verified reports the same").isEqualTo(result.skipped());
        assertThat(again.skippedCount()).isEqualTo(130);
    }

    @Test
    void theManifestsBlockMd5sMatchTheChunkFiles() throws Exception {
        MixedTree tree = MixedTree.create(dir.resolve("source"));
        Path staging = dir.resolve("staging");
        int blockBytes = 256 * 1024;
        new StagingWriter(options(1, blockBytes, 2)).write(new DirectoryTreeSource(tree.root), staging, null);

        ManifestHeader header = ManifestReader.readHeader(staging.resolve(StagingManifest.FILE_NAME));
        assertThat(header.blockBytes()).isEqualTo(blockBytes);
        int chunks = 0;
        boolean sawPartialLastBlock = false;
        try (ManifestCursor<ManifestChunk> list = ManifestReader.chunks(staging.resolve(StagingManifest.FILE_NAME))) {
            for (ManifestChunk c = list.next(); c != null; c = list.next()) {
                chunks++;
                byte[] bytes = Files.readAllBytes(staging.resolve(c.name()));
                assertThat((long) bytes.length).isEqualTo(c.size());
                assertThat(c.md5()).as("format 2 drops the whole-chunk MD5").isNull();
                List<String> blocks = new ArrayList<>();
                for (int off = 0; off < bytes.length; off += blockBytes) {
                    blocks.add(md5(bytes, off, Math.min(blockBytes, bytes.length - off)));
                }
                assertThat(c.blockMd5s()).as(c.name()).isEqualTo(blocks);
                sawPartialLastBlock |= bytes.length % blockBytes != 0;
            }
        }
        assertThat(chunks).isEqualTo(header.totals().chunks()).isGreaterThan(5);
        assertThat(sawPartialLastBlock).isTrue();
    }

    @Test
    void everyChunkIsAZstdStreamTheCliDecompresses() throws Exception {
        assumeTrue(Trees.commandExists("zstd"), "the zstd CLI is not installed");
        MixedTree tree = MixedTree.create(dir.resolve("source"));
        Path staging = dir.resolve("staging");
        StagingResult result = new StagingWriter(options(1, 4 * Trees.MIB, 2))
                .write(new DirectoryTreeSource(tree.root), staging, null);

        MessageDigest fromCli = StagingManifest.sha256();
        long cliBytes = 0;
        for (int n = 1; n <= result.chunkCount(); n++) {
            Path out = dir.resolve("chunk.out");
            Process p = new ProcessBuilder("zstd", "-d", "-q", "-f", "-o", out.toString(),
                    staging.resolve(StagingManifest.chunkName(n)).toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("zstd -d " + StagingManifest.chunkName(n) + ": " + log).isZero();
            byte[] bytes = Files.readAllBytes(out);
            fromCli.update(bytes);
            cliBytes += bytes.length;
        }
        // the stream is the files' bytes in manifest order
        MessageDigest fromSource = StagingManifest.sha256();
        try (ManifestCursor<ManifestEntry> list = ManifestReader.entries(result.manifestPath())) {
            for (ManifestEntry e = list.next(); e != null; e = list.next()) {
                if (e.kind() == EntryKind.FILE) {
                    fromSource.update(Files.readAllBytes(tree.root.resolve(e.path())));
                }
            }
        }
        assertThat(cliBytes).isEqualTo(result.sourceBytes());
        assertThat(Hex.of(fromCli.digest())).isEqualTo(Hex.of(fromSource.digest()));
    }

    @Test
    void theManifestHashFileWorksWithSha256sum() throws Exception {
        assumeTrue(Trees.commandExists("sha256sum"), "sha256sum is not installed");
        Path source = dir.resolve("source");
        Trees.text(source.resolve("a.txt"), 100_000, 1);
        Path staging = dir.resolve("staging");
        new StagingWriter(options(1, 4 * Trees.MIB, 1)).write(new DirectoryTreeSource(source), staging, null);
        Process p = new ProcessBuilder("sha256sum", "-c", StagingManifest.HASH_FILE_NAME).directory(staging.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains(StagingManifest.FILE_NAME + ": OK");
    }

    @Test
    void theOutputDoesNotDependOnTheThreadCount() throws Exception {
        MixedTree tree = MixedTree.create(dir.resolve("source"));
        DirectoryTreeSource source = new DirectoryTreeSource(tree.root);
        StagingResult one = new StagingWriter(options(1, 256 * 1024, 1)).write(source, dir.resolve("one"), null);
        StagingResult three = new StagingWriter(options(1, 256 * 1024, 3)).write(source, dir.resolve("three"), null);
        assertThat(three.manifestSha256()).isEqualTo(one.manifestSha256());
        for (int n = 1; n <= one.chunkCount(); n++) {
            String name = StagingManifest.chunkName(n);
            assertThat(Files.mismatch(dir.resolve("one").resolve(name), dir.resolve("three").resolve(name))).isEqualTo(-1);
        }
    }

    @Test
    void theOutputIsTheSameWithDirectIoAndThroughThePageCache() throws Exception {
        MixedTree tree = MixedTree.create(dir.resolve("source"));
        DirectoryTreeSource source = new DirectoryTreeSource(tree.root);
        // 64 KiB blocks and 1 MiB chunks: many chunks, each ending in a short block written padded and cut back
        StagingResult direct = new StagingWriter(options(1, 64 * 1024, 2)).write(source, dir.resolve("direct"), null);
        StagingResult buffered;
        System.setProperty(ChunkFile.DIRECT_IO_PROPERTY, "false");
        try {
            buffered = new StagingWriter(options(1, 64 * 1024, 2)).write(source, dir.resolve("buffered"), null);
        } finally {
            System.clearProperty(ChunkFile.DIRECT_IO_PROPERTY);
        }
        assertThat(direct.chunkCount()).isGreaterThan(1);
        assertThat(buffered.manifestSha256()).isEqualTo(direct.manifestSha256());
        for (int n = 1; n <= direct.chunkCount(); n++) {
            String name = StagingManifest.chunkName(n);
            assertThat(Files.mismatch(dir.resolve("direct").resolve(name), dir.resolve("buffered").resolve(name)))
                    .as(name).isEqualTo(-1);
        }
        assertThat(new StagingRestorer().verify(dir.resolve("direct")).bytes()).isEqualTo(direct.sourceBytes());
    }

    @Test
    void aStagingThatCannotWriteDirectSaysSoOnceAndStillVerifies() throws Exception {
        MixedTree tree = MixedTree.create(dir.resolve("source"));
        List<String> notices = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(StagingProgress progress) {
            }

            @Override
            public void notice(String message) {
                notices.add(message);
            }
        };
        // 64 KiB + 64: whole MD5 steps, but no multiple of any file system's block
        StagingResult result = new StagingWriter(options(1, 64 * 1024 + 64, 2))
                .write(new DirectoryTreeSource(tree.root), dir.resolve("odd"), listener);
        assertThat(result.chunkCount()).isGreaterThan(1);
        assertThat(notices).filteredOn(n -> n.contains("through the page cache")).hasSize(1)
                .allMatch(n -> n.contains("65600 bytes"));
        assertThat(new StagingRestorer().verify(dir.resolve("odd")).bytes()).isEqualTo(result.sourceBytes());

        notices.clear();
        new StagingWriter(options(1, 64 * 1024, 2)).write(new DirectoryTreeSource(tree.root), dir.resolve("even"),
                listener);
        if (Set.of("ext4", "xfs", "btrfs").contains(Files.getFileStore(dir).type())) {
            assertThat(notices).noneMatch(n -> n.contains("page cache"));
        }
    }

    @Test
    void writingACompletedStagingAgainVerifiesAndRewritesNothing() throws Exception {
        MixedTree tree = MixedTree.create(dir.resolve("source"));
        Path staging = dir.resolve("staging");
        StagingWriter writer = new StagingWriter(options(1, 4 * Trees.MIB, 2));
        StagingResult first = writer.write(new DirectoryTreeSource(tree.root), staging, null);
        Map<String, String> before = stamps(staging);

        List<String> notices = new ArrayList<>();
        StagingResult again = writer.write(new DirectoryTreeSource(tree.root), staging, new ProgressListener() {
            @Override
            public void progress(StagingProgress progress) {
            }

            @Override
            public void notice(String message) {
                notices.add(message);
            }
        });
        assertThat(again).isEqualTo(first);
        assertThat(stamps(staging)).isEqualTo(before);
        assertThat(notices).anyMatch(n -> n.contains("already holds this staging"));
    }

    @Test
    void aSourceWithNoBytesGivesAManifestWithoutChunks() throws Exception {
        Path source = dir.resolve("source");
        Files.createDirectories(source.resolve("a/b"));
        Files.write(source.resolve("a/empty"), new byte[0]);
        StagingResult result = new StagingWriter(options(1, 4 * Trees.MIB, 2))
                .write(new DirectoryTreeSource(source), dir.resolve("staging"), null);
        assertThat(result.chunkCount()).isZero();
        assertThat(result.fileCount()).isEqualTo(1);
        new StagingRestorer().restore(dir.resolve("staging"), dir.resolve("restored"));
        Trees.assertSameTree(source, dir.resolve("restored"));
    }

    @Test
    void progressIsReportedAtMostOncePerIntervalAndAtTheEnd() throws Exception {
        Path source = dir.resolve("source");
        Trees.random(source.resolve("r.bin"), 12L * Trees.MIB, 1);
        Trees.text(source.resolve("t.txt"), 8L * Trees.MIB, 2);
        List<StagingProgress> hourly = new ArrayList<>();
        new StagingWriter(options(1, 4 * Trees.MIB, 2).withProgressInterval(Duration.ofHours(1)))
                .write(new DirectoryTreeSource(source), dir.resolve("hourly"), hourly::add);
        assertThat(hourly).singleElement().satisfies(p -> {
            assertThat(p.finished()).isTrue();
            assertThat(p.bytesDone()).isEqualTo(20L * Trees.MIB).isEqualTo(p.bytesTotal());
            assertThat(p.filesDone()).isEqualTo(2);
        });

        List<StagingProgress> every = new ArrayList<>();
        StagingResult result = new StagingWriter(options(1, 4 * Trees.MIB, 2))
                .write(new DirectoryTreeSource(source), dir.resolve("every"), every::add);
        assertThat(every).hasSizeGreaterThan(3);
        for (int i = 1; i < every.size(); i++) {
            assertThat(every.get(i).bytesDone()).isGreaterThanOrEqualTo(every.get(i - 1).bytesDone());
            assertThat(every.get(i).chunksWritten()).isGreaterThanOrEqualTo(every.get(i - 1).chunksWritten());
        }
        assertThat(every.get(every.size() - 1).chunksWritten()).isEqualTo(result.chunkCount());
        assertThat(every).allMatch(p -> p.bytesTotal() == 20L * Trees.MIB && p.filesTotal() == 2);
    }

    @Test
    void aStagingDirectoryInsideTheSourceIsRefused() throws Exception {
        Path source = dir.resolve("source");
        Trees.text(source.resolve("a.txt"), 1000, 1);
        assertThatThrownBy(() -> new StagingWriter(options(1, 4 * Trees.MIB, 1))
                .write(new DirectoryTreeSource(source), source.resolve("staging"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lies inside the source");
        assertThat(source.resolve("staging")).doesNotExist();
    }

    /** File name to inode, size and mtime. */
    static Map<String, String> stamps(Path staging) throws Exception {
        Map<String, String> stamps = new HashMap<>();
        try (Stream<Path> files = Files.list(staging)) {
            for (Path p : files.toList()) {
                stamps.put(p.getFileName().toString(), Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS) + " "
                        + Files.size(p) + " " + Files.getLastModifiedTime(p).toInstant());
            }
        }
        return stamps;
    }

    static Map<String, ManifestEntry> entries(Path manifest) throws Exception {
        Map<String, ManifestEntry> map = new HashMap<>();
        try (ManifestCursor<ManifestEntry> list = ManifestReader.entries(manifest)) {
            for (ManifestEntry e = list.next(); e != null; e = list.next()) {
                map.put(e.path(), e);
            }
        }
        return map;
    }

    private static String md5(byte[] bytes, int off, int len) {
        MessageDigest md5 = StagingManifest.md5();
        md5.update(bytes, off, len);
        return Hex.of(md5.digest());
    }
}
