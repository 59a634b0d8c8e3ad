package io.seedship.staging.source;

import io.seedship.stagingformat.EntryKind;
import io.seedship.stagingformat.SourceEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreeSourceTest {

    @TempDir
    Path dir;

    private static List<SourceEntry> walk(BackupSource source) throws Exception {
        List<SourceEntry> entries = new ArrayList<>();
        try (SourceWalk walk = source.walk()) {
            for (SourceEntry e = walk.next(); e != null; e = walk.next()) {
                entries.add(e);
            }
        }
        return entries;
    }

    @Test
    void theWalkIsDepthFirstWithEachDirectorySortedByCodePoint() throws Exception {
        Files.createDirectories(dir.resolve("b/inner"));
        Files.writeString(dir.resolve("b/inner/x"), "x");
        Files.writeString(dir.resolve("b/a"), "a");
        Files.writeString(dir.resolve("a"), "a");
        Files.writeString(dir.resolve("B"), "B");
        Files.writeString(dir.resolve("é"), "e");
        Files.writeString(dir.resolve("\uFF21 fullwidth"), "A");
        Files.writeString(dir.resolve("😀"), "emoji");
        Files.createDirectories(dir.resolve("c"));

        List<String> paths = walk(new DirectoryTreeSource(dir)).stream().map(SourceEntry::path).toList();

        // U+1F600 sorts after U+FF21 by code point, though its UTF-16 surrogate (U+D83D) sorts before it
        assertThat(paths).containsExactly("B", "a", "b", "b/a", "b/inner", "b/inner/x", "c", "é", "\uFF21 fullwidth",
                "😀");
        assertThat(walk(new DirectoryTreeSource(dir))).isEqualTo(walk(new DirectoryTreeSource(dir)));
    }

    @Test
    void entriesCarryKindSizeModeMtimeAndLinkTargetAndSymlinksAreNotFollowed() throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d/f"), "hello");
        Files.setPosixFilePermissions(dir.resolve("d/f"), PosixFilePermissions.fromString("rw-r-----"));
        Trees.mtime(dir.resolve("d/f"), "2020-05-06T07:08:09.123456789Z");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("d"));
        boolean fifo = Trees.fifo(dir.resolve("pipe"));

        List<SourceEntry> entries = walk(new DirectoryTreeSource(dir));

        SourceEntry file = entries.stream().filter(e -> e.path().equals("d/f")).findFirst().orElseThrow();
        assertThat(file.kind()).isEqualTo(EntryKind.FILE);
        assertThat(file.size()).isEqualTo(5);
        assertThat(file.mode()).isEqualTo("0640");
        assertThat(file.mtime()).isEqualTo(Instant.parse("2020-05-06T07:08:09.123456789Z"));
        SourceEntry link = entries.stream().filter(e -> e.path().equals("link")).findFirst().orElseThrow();
        assertThat(link.kind()).isEqualTo(EntryKind.SYMLINK);
        assertThat(link.linkTarget()).isEqualTo("d");
        assertThat(entries).noneMatch(e -> e.path().startsWith("link/"));
        if (fifo) {
            SourceEntry pipe = entries.stream().filter(e -> e.path().equals("pipe")).findFirst().orElseThrow();
            assertThat(pipe.kind()).isEqualTo(EntryKind.OTHER);
            assertThat(pipe.skipReason()).startsWith("fifo");
        }
        assertThat(entries.stream().filter(e -> e.path().equals("d")).findFirst().orElseThrow().kind())
                .isEqualTo(EntryKind.DIRECTORY);
    }

    @Test
    void theScanCountsEntriesFilesAndBytes() throws Exception {
        Files.createDirectories(dir.resolve("x/y"));
        Files.write(dir.resolve("x/one"), new byte[1000]);
        Files.write(dir.resolve("x/y/two"), new byte[24]);
        Files.write(dir.resolve("empty"), new byte[0]);
        Files.createSymbolicLink(dir.resolve("l"), Path.of("x"));
        boolean fifo = Trees.fifo(dir.resolve("pipe"));

        SourceScan scan = new DirectoryTreeSource(dir).scan();

        assertThat(scan.fileCount()).isEqualTo(3);
        assertThat(scan.totalBytes()).isEqualTo(1024);
        assertThat(scan.entryCount()).isEqualTo(fifo ? 7 : 6);
        assertThat(scan.skipped()).isEqualTo(fifo ? 1 : 0);
    }

    @Test
    void aFileIsReadThroughItsChannelAndStatSeesChanges() throws Exception {
        Files.writeString(dir.resolve("f"), "content");
        DirectoryTreeSource source = new DirectoryTreeSource(dir);
        SourceEntry entry = walk(source).get(0);
        ByteBuffer buffer = ByteBuffer.allocate(100);
        try (ReadableByteChannel in = source.open(entry)) {
            in.read(buffer);
        }
        assertThat(new String(buffer.array(), 0, buffer.position())).isEqualTo("content");
        assertThat(source.stat(entry)).isEqualTo(entry);
        Files.writeString(dir.resolve("f"), "changed content");
        assertThat(source.stat(entry).sameContentStamp(entry)).isFalse();
        Files.delete(dir.resolve("f"));
        assertThat(source.stat(entry)).isNull();
    }

    @Test
    void anUnreadableDirectoryFailsTheScanNamingIt() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads everything");
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.writeString(locked.resolve("f"), "x");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assertThatThrownBy(() -> new DirectoryTreeSource(dir).scan())
                    .isInstanceOf(UnreadableSourceException.class).hasMessageContaining(locked.toString());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aPathTooLongToOpenFailsTheWalkNamingTheLimitNotPermissions() throws Exception {
        // built outside, then moved in: the whole path is longer than Linux's PATH_MAX only once inside
        Path source = Files.createDirectories(dir.resolve("source"));
        Path deep = chain(source.resolve("archive"), 9);
        Path outside = dir.resolve("moved");
        Files.writeString(chain(outside, 9).resolve("old.csv"), "x\n");
        Path moved = Files.move(outside, deep.resolve("moved"));
        try {
            assertThatThrownBy(() -> new DirectoryTreeSource(source).scan())
                    .isInstanceOf(UnreadableSourceException.class)
                    .hasMessageContaining("bytes long, more than the 4095 bytes Linux can open (PATH_MAX); shorten it"
                            + " or move it out of the source, then retry")
                    .hasMessageContaining("...")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600))
                    .satisfies(e -> assertThat(((UnreadableSourceException) e).path().length()).isGreaterThan(4095));
        } finally {
            Files.move(moved, outside); // or the temporary directory cannot be deleted
        }
    }

    /** Directories with 250-character names, {@code depth} deep. */
    private static Path chain(Path start, int depth) throws Exception {
        Path d = start;
        for (int i = 0; i < depth; i++) {
            d = d.resolve(Character.toString('a' + i).repeat(250));
        }
        return Files.createDirectories(d);
    }

    @Test
    void aMissingRootIsRefusedNamingIt() {
        assertThatThrownBy(() -> new DirectoryTreeSource(dir.resolve("missing")))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("missing")
                .hasMessageContaining("must be an existing directory");
    }
}
