package io.seedship.staging.chunks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.stagingformat.StagingManifest;
import io.seedship.stagingformat.restore.StagingRestorer;
import io.seedship.staging.source.DirectoryTreeSource;
import io.seedship.staging.source.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingResumeTest {

    private static final int MIB = Trees.MIB;
    private static final Pattern CHUNK_LINE = Pattern.compile("^\\{\"type\":\"chunk\",\"chunk\":(\\d+),.*\\t[0-9a-f]{8}$");

    @TempDir
    Path dir;

    private final List<String> notices = new ArrayList<>();

    private final ProgressListener listener = new ProgressListener() {
        @Override
        public void progress(StagingProgress progress) {
        }

        @Override
        public void notice(String message) {
            notices.add(message);
        }
    };

    private static StagingOptions options() {
        return StagingOptions.defaults().withThreads(2).withChunkTargetBytes(MIB).withBlockBytes(MIB)
                .withProgressInterval(Duration.ofSeconds(1));
    }

    /** A few hundred MiB: incompressible and compressible files, and many small ones. */
    private static Path corpus(Path root, int bigFiles) throws IOException {
        for (int i = 0; i < bigFiles; i++) {
            Trees.random(root.resolve("random/r" + i + ".bin"), 16L * MIB + i, i);
            Trees.text(root.resolve("text/t" + i + ".log"), 12L * MIB + 3 * i, 100 + i);
        }
        for (int i = 0; i < 300; i++) {
            Trees.text(root.resolve("small/d" + i % 7 + "/f" + i + ".txt"), 1000 + 37L * i, 1000 + i);
        }
        return root;
    }

    /** Starts a child JVM staging at {@code bytesPerSecond} and kills it (SIGKILL) once it journaled {@code chunks}. */
    private Map<Integer, String> stageAndKill(Path source, Path staging, long bytesPerSecond, int chunks) throws Exception {
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), StagingChild.class.getName(),
                source.toString(), staging.toString(), Long.toString(MIB), Integer.toString(MIB),
                Long.toString(bytesPerSecond))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            while (System.nanoTime() < deadline && child.isAlive() && journaledChunks(staging).size() < chunks) {
                Thread.sleep(10);
            }
            assertThat(child.isAlive()).as("the child still stages: " + Files.readString(log)).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks
            child.waitFor(30, TimeUnit.SECONDS);
        }
        Map<Integer, String> journaled = journaledChunks(staging);
        assertThat(journaled).hasSizeGreaterThanOrEqualTo(chunks);
        assertThat(staging.resolve(StagingManifest.FILE_NAME)).doesNotExist();
        return journaled;
    }

    /** Chunk number to its file's inode and mtime, for the complete journal lines. */
    private static Map<Integer, String> journaledChunks(Path staging) throws IOException {
        Path journal = staging.resolve(Journal.FILE_NAME);
        Map<Integer, String> chunks = new LinkedHashMap<>();
        if (!Files.exists(journal)) {
            return chunks;
        }
        String text = Files.readString(journal, StandardCharsets.ISO_8859_1);
        int end = text.lastIndexOf('\n');
        for (String line : (end < 0 ? "" : text.substring(0, end)).split("\n")) {
            Matcher m = CHUNK_LINE.matcher(line);
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                chunks.put(n, stamp(staging.resolve(StagingManifest.chunkName(n))));
            }
        }
        return chunks;
    }

    private static String stamp(Path file) throws IOException {
        return Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS) + "@" + Files.getLastModifiedTime(file)
                .toInstant();
    }

    @Test
    void aKilledStagingResumesKeepingItsJournaledChunksAndGivesTheSameManifest() throws Exception {
        Path source = corpus(dir.resolve("source"), 8);
        Path staging = dir.resolve("staging");
        Map<Integer, String> journaled = stageAndKill(source, staging, 40L * MIB, 20);
        // a crash in the middle of a journal append leaves a torn line
        Files.writeString(staging.resolve(Journal.FILE_NAME), "{\"type\":\"chunk\",\"chunk\":9999,\"si",
                StandardOpenOption.APPEND);

        StagingResult result = new StagingWriter(options()).write(new DirectoryTreeSource(source), staging, listener);

        assertThat(notices).anyMatch(n -> n.contains("torn last line"));
        assertThat(notices).anyMatch(n -> n.startsWith("resuming after chunk "));
        for (Map.Entry<Integer, String> kept : journaled.entrySet()) {
            assertThat(stamp(staging.resolve(StagingManifest.chunkName(kept.getKey()))))
                    .as("chunk %d was kept as it was", kept.getKey()).isEqualTo(kept.getValue());
        }
        new StagingRestorer().restore(staging, dir.resolve("restored"));
        Trees.assertSameTree(source, dir.resolve("restored"));
        // resuming gives exactly what an uninterrupted staging gives
        StagingResult straight = new StagingWriter(options()).write(new DirectoryTreeSource(source),
                dir.resolve("straight"), null);
        assertThat(result.manifestSha256()).isEqualTo(straight.manifestSha256());
        assertThat(result.chunkCount()).isGreaterThan(journaled.size());
    }

    @Test
    void aKeptChunkDamagedAfterTheKillIsDetectedAndRedone() throws Exception {
        Path source = corpus(dir.resolve("source"), 2);
        Path staging = dir.resolve("staging");
        Map<Integer, String> journaled = stageAndKill(source, staging, 20L * MIB, 4);
        Path second = staging.resolve(StagingManifest.chunkName(2));
        byte[] bytes = Files.readAllBytes(second);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(second, bytes);
        String damagedStamp = stamp(second);

        new StagingWriter(options()).write(new DirectoryTreeSource(source), staging, listener);

        assertThat(notices).anyMatch(n -> n.contains(StagingManifest.chunkName(2)) && n.contains("MD5")
                && n.contains("keeping chunks 1-1"));
        assertThat(stamp(staging.resolve(StagingManifest.chunkName(1)))).isEqualTo(journaled.get(1));
        assertThat(stamp(second)).isNotEqualTo(damagedStamp);
        new StagingRestorer().restore(staging, dir.resolve("restored"));
        Trees.assertSameTree(source, dir.resolve("restored"));
    }

    @Test
    void aSourceChangedBetweenTheKillAndTheResumeStartsOver() throws Exception {
        Path source = corpus(dir.resolve("source"), 2);
        Path staging = dir.resolve("staging");
        Map<Integer, String> journaled = stageAndKill(source, staging, 20L * MIB, 3);
        // the first file in walk order, long since staged, changes
        Path first = source.resolve("random/r0.bin");
        Files.write(first, "changed".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);

        StagingResult result = new StagingWriter(options()).write(new DirectoryTreeSource(source), staging, listener);

        assertThat(notices).anyMatch(n -> n.contains("the source changed") && n.contains("random/r0.bin")
                && n.contains("starting over"));
        assertThat(stamp(staging.resolve(StagingManifest.chunkName(1)))).isNotEqualTo(journaled.get(1));
        new StagingRestorer().restore(staging, dir.resolve("restored"));
        Trees.assertSameTree(source, dir.resolve("restored"));
        assertThat(result.sourceBytes()).isEqualTo(sizeOf(source));
    }

    @Test
    void aFileModifiedWhileItIsReadFailsTheWriteNamingIt() throws Exception {
        Path source = dir.resolve("source");
        Trees.text(source.resolve("a/first.txt"), 3L * MIB, 1);
        Trees.random(source.resolve("b/live.db"), 6L * MIB, 2);
        Trees.text(source.resolve("c/last.txt"), 1000, 3);
        SlowSource touching = new SlowSource(new DirectoryTreeSource(source), 0, "b/live.db", e -> {
            try {
                Files.setLastModifiedTime(source.resolve(e.path()), FileTime.from(Instant.now().plusSeconds(60)));
            } catch (IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
        assertThatThrownBy(() -> new StagingWriter(options()).write(touching, dir.resolve("staging"), null))
                .isInstanceOf(SourceChangedException.class)
                .hasMessageContaining("b/live.db").hasMessageContaining("snapshot");

        // staged again once the file is quiet, the same directory completes
        StagingResult result = new StagingWriter(options()).write(new DirectoryTreeSource(source),
                dir.resolve("staging"), listener);
        assertThat(result.fileCount()).isEqualTo(3);
    }

    @Test
    void anInterruptStopsTheWritePromptlyAndLeavesItResumable() throws Exception {
        Path source = corpus(dir.resolve("source"), 2);
        Path staging = dir.resolve("staging");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                new StagingWriter(options()).write(new SlowSource(new DirectoryTreeSource(source), 20L * MIB), staging,
                        null);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        writer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (journaledChunks(staging).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long interruptedAt = System.nanoTime();
        writer.interrupt();
        writer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(writer.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt)).isLessThan(5000);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        Map<Integer, String> journaled = journaledChunks(staging);

        new StagingWriter(options()).write(new DirectoryTreeSource(source), staging, listener);
        assertThat(notices).anyMatch(n -> n.startsWith("resuming after chunk "));
        assertThat(stamp(staging.resolve(StagingManifest.chunkName(1)))).isEqualTo(journaled.get(1));
        new StagingRestorer().restore(staging, dir.resolve("restored"));
        Trees.assertSameTree(source, dir.resolve("restored"));
    }

    @Test
    void anUnfinishedStagingOfAnotherSourceIsNotTouched() throws Exception {
        Path a = dir.resolve("a");
        Trees.random(a.resolve("x.bin"), 8L * MIB, 1);
        Path b = dir.resolve("b");
        Trees.text(b.resolve("y.txt"), 3L * MIB, 2);
        Path staging = dir.resolve("staging");
        Thread self = Thread.currentThread();
        // stop the staging of a after its first chunk (random bytes: one 1 MiB block per chunk), from its listener
        assertThatThrownBy(() -> new StagingWriter(options().withProgressInterval(Duration.ZERO)).write(
                new SlowSource(new DirectoryTreeSource(a), 5L * MIB), staging, p -> {
                    if (p.chunksWritten() >= 1) {
                        self.interrupt();
                    }
                })).isInstanceOf(InterruptedException.class);
        Thread.interrupted();

        assertThatThrownBy(() -> new StagingWriter(options()).write(new DirectoryTreeSource(b), staging, null))
                .hasMessageContaining("holds an unfinished staging of 'directory " + a.toAbsolutePath());
        StagingResult resumed = new StagingWriter(options()).write(new DirectoryTreeSource(a), staging, listener);
        assertThat(resumed.sourceBytes()).isEqualTo(8L * MIB);
        assertThat(notices).anyMatch(n -> n.startsWith("resuming after chunk "));
    }

    private static long sizeOf(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
