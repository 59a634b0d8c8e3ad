package io.seedship.staging.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds source trees for tests and compares a restored tree with its source. */
public final class Trees {

    public static final int MIB = 1024 * 1024;

    private static final String[] WORDS = ("the staging writer packs a directory tree into compressed chunk files with"
            + " a manifest so that an initial backup can travel on disks instead of the network while the service"
            + " records every file hash block checksum and resume point").split(" ");

    private Trees() {
    }

    /** Random bytes: incompressible. */
    public static Path random(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(buffer.length, left);
                for (int i = 0; i < n; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8 && i + j < n; j++) {
                        buffer[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return file;
    }

    /** Text-like bytes: compresses about 3:1 with zstd -3. */
    public static Path text(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = 0;
                while (n < buffer.length) {
                    byte[] word = (random.nextInt(40) == 0 ? Long.toString(random.nextLong(1_000_000), 16)
                            : WORDS[random.nextInt(WORDS.length)]).getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < word.length && n < buffer.length; i++) {
                        buffer[n++] = word[i];
                    }
                    if (n < buffer.length) {
                        buffer[n++] = (byte) (random.nextInt(12) == 0 ? '\n' : ' ');
                    }
                }
                int take = (int) Math.min(n, left);
                out.write(buffer, 0, take);
                left -= take;
            }
        }
        return file;
    }

    /** Creates a fifo with mkfifo; false when the tool is not there. */
    public static boolean fifo(Path path) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean commandExists(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    public static void mtime(Path path, String instant) throws IOException {
        Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(Instant.parse(instant)), null, null);
    }

    /** Relative path to a description of kind, mode, mtime and content (symlink target, file bytes compared apart). */
    private static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString();
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,lastModifiedTime,size", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                String kind = switch (mode & 0170000) {
                    case 0040000 -> "dir";
                    case 0100000 -> "file " + a.get("size");
                    case 0120000 -> "link -> " + Files.readSymbolicLink(p);
                    default -> "other";
                };
                tree.put(rel, kind + " mode " + Integer.toOctalString(mode & 07777) + " mtime " + a.get("lastModifiedTime"));
            }
        }
        return tree;
    }

    /**
     * Asserts that {@code restored} holds the same entries as {@code source} (minus fifos, sockets and devices), with
     * the same bytes, modes, mtimes and symlink targets.
     */
    public static void assertSameTree(Path source, Path restored) throws IOException {
        Map<String, String> expected = describe(source);
        expected.values().removeIf(v -> v.startsWith("other"));
        Map<String, String> actual = describe(restored);
        assertThat(actual).containsExactlyEntriesOf(expected);
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (e.getValue().startsWith("file ")) {
                if (Files.mismatch(source.resolve(e.getKey()), restored.resolve(e.getKey())) != -1) {
                    differing.add(e.getKey());
                }
            }
        }
        assertThat(differing).as("files whose bytes differ").isEmpty();
    }
}
