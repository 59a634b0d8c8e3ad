package io.seedship.staging.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The tree of edge cases the staging round trip is tested on. */
public final class MixedTree {

    /** Whether the fifo could be made (mkfifo present). */
    public final boolean hasFifo;
    public final Path root;

    private MixedTree(Path root, boolean hasFifo) {
        this.root = root;
        this.hasFifo = hasFifo;
    }

    public static MixedTree create(Path root) throws IOException, InterruptedException {
        int mib = Trees.MIB;
        Files.createDirectories(root);
        Files.createDirectories(root.resolve("empty dir"));
        Files.createDirectories(root.resolve("empty dir/nested empty"));
        Files.write(root.resolve("zero"), new byte[0]);
        Files.write(root.resolve("one"), new byte[] {42});
        Trees.random(root.resolve("sizes/4MiB-1"), 4L * mib - 1, 1);
        Trees.text(root.resolve("sizes/4MiB"), 4L * mib, 2);
        Trees.random(root.resolve("sizes/4MiB+1"), 4L * mib + 1, 3);
        Trees.random(root.resolve("sizes/256KiB-1"), 256 * 1024 - 1, 4);
        Trees.text(root.resolve("sizes/256KiB+1"), 256 * 1024 + 1, 5);
        Trees.random(root.resolve("big/random.bin"), 9L * mib + 12345, 6);
        Trees.text(root.resolve("big/log.txt"), 14L * mib + 7, 7);
        Path deep = root.resolve("deep");
        for (int i = 1; i <= 24; i++) {
            deep = deep.resolve("level " + i);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("leaf.txt"), "at the bottom\n");
        Files.createDirectories(root.resolve("unicode/日本"));
        Files.writeString(root.resolve("unicode/é café.txt"), "accent\n");
        Files.writeString(root.resolve("unicode/日本.txt"), "japanese\n");
        Files.writeString(root.resolve("unicode/日本/ファイル.txt"), "nested japanese\n");
        Files.writeString(root.resolve("unicode/emoji 😀🚀.txt"), "emoji\n");
        Files.writeString(root.resolve("with  two spaces .txt"), "spaces\n");
        Files.createDirectories(root.resolve("links"));
        Files.createSymbolicLink(root.resolve("links/relative"), Path.of("../one"));
        Files.createSymbolicLink(root.resolve("links/absolute"), root.resolve("one").toAbsolutePath());
        Files.createSymbolicLink(root.resolve("links/dangling"), Path.of("nowhere/at all"));
        Files.createSymbolicLink(root.resolve("links/to dir"), Path.of("../deep"));
        Files.createDirectories(root.resolve("modes"));
        Files.writeString(root.resolve("modes/private"), "secret-ish\n");
        Files.setPosixFilePermissions(root.resolve("modes/private"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(root.resolve("modes/tool"), "#!/bin/sh\necho hi\n");
        Files.setAttribute(root.resolve("modes/tool"), "unix:mode", 04755);
        Files.createDirectories(root.resolve("modes/read-only dir"));
        Files.writeString(root.resolve("modes/read-only dir/inside"), "inside a 0555 directory\n");
        Files.setAttribute(root.resolve("modes/read-only dir"), "unix:mode", 0555);
        boolean fifo = Trees.fifo(root.resolve("a fifo"));
        Trees.mtime(root.resolve("one"), "2001-02-03T04:05:06.123456789Z");
        Trees.mtime(root.resolve("links/relative"), "2002-03-04T05:06:07.000000001Z");
        Trees.mtime(root.resolve("empty dir/nested empty"), "1999-12-31T23:59:59.999999999Z");
        Trees.mtime(root.resolve("empty dir"), "2000-01-01T00:00:00Z");
        Trees.mtime(root.resolve("modes/read-only dir"), "2010-10-10T10:10:10.5Z");
        return new MixedTree(root, fifo);
    }
}
