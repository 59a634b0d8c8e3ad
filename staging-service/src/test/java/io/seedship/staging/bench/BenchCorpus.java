package io.seedship.staging.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A corpus shaped like a file server's backup, built once under target/: source-like text in many small files, logs
 * (one of 256 MiB when there is room), already-compressed (random) data, and binaries cut from the JDK's own files;
 * sizes from 1 KiB to 256 MiB. About 2:1 with zstd -3.
 */
final class BenchCorpus {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private final SplittableRandom random = new SplittableRandom(20240506);
    private final byte[][] identifiers;
    private final List<Path> binaries = new ArrayList<>();
    private final byte[] buffer = new byte[1 << 20];

    private BenchCorpus() {
        identifiers = new byte[3000][];
        for (int i = 0; i < identifiers.length; i++) {
            StringBuilder s = new StringBuilder();
            int parts = 1 + random.nextInt(3);
            for (int p = 0; p < parts; p++) {
                int len = 2 + random.nextInt(8);
                for (int c = 0; c < len; c++) {
                    char ch = (char) ('a' + random.nextInt(26));
                    s.append(p > 0 && c == 0 ? Character.toUpperCase(ch) : ch);
                }
            }
            identifiers[i] = s.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Builds the corpus of about {@code bytes} under {@code work} unless it is already there; returns its root. */
    static Path build(Path work, long bytes) throws IOException {
        Path root = work.resolve("corpus-" + bytes);
        Path done = work.resolve("corpus-" + bytes + ".done");
        if (Files.exists(done)) {
            return root;
        }
        deleteTree(root);
        new BenchCorpus().write(root, bytes);
        Files.writeString(done, "built\n");
        return root;
    }

    /** The corpus's files concatenated into one file, the input of the strict zstd baseline. */
    static Path concatenated(Path work, Path root) throws IOException {
        Path cat = work.resolve(root.getFileName() + ".cat");
        Path done = work.resolve(root.getFileName() + ".cat.done");
        if (Files.exists(done)) {
            return cat;
        }
        try (OutputStream out = Files.newOutputStream(cat); Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    in.transferTo(out);
                }
            }
        }
        Files.writeString(done, "built\n");
        return cat;
    }

    private void write(Path root, long total) throws IOException {
        Path home = Path.of(System.getProperty("java.home"));
        try (Stream<Path> walk = Files.walk(home)) {
            walk.filter(Files::isRegularFile).filter(p -> sizeOf(p) > 256 * KIB).sorted().forEach(binaries::add);
        }
        long text = total * 28 / 100;
        long logs = total * 20 / 100;
        long randomBytes = total * 25 / 100;
        long binary = total - text - logs - randomBytes;
        fill(root.resolve("src"), text, 1 * KIB, 1 * MIB, this::text);
        if (logs >= 512 * MIB) {
            text(root.resolve("logs/big/service.log"), 256 * MIB, true);
            logs -= 256 * MIB;
        }
        fill(root.resolve("logs"), logs, 4 * MIB, 64 * MIB, (p, n) -> text(p, n, true));
        fill(root.resolve("archives"), randomBytes, 1 * MIB, 128 * MIB, this::random);
        fill(root.resolve("bin"), binary, 64 * KIB, 64 * MIB, this::binary);
    }

    private interface Maker {
        void make(Path file, long size) throws IOException;
    }

    /** Files of log-uniform sizes in [min, max] until {@code bytes}, 200 to a directory. */
    private void fill(Path dir, long bytes, long min, long max, Maker maker) throws IOException {
        int n = 0;
        for (long left = bytes; left > 0; n++) {
            double logSize = Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min));
            long size = Math.min(left, (long) Math.exp(logSize));
            maker.make(dir.resolve("d" + n / 200).resolve(String.format(Locale.ROOT, "f%05d", n)), size);
            left -= size;
        }
    }

    private void text(Path file, long size) throws IOException {
        text(file, size, false);
    }

    /** Source-like lines of identifiers and numbers, or log lines with timestamps and counters. */
    private void text(Path file, long size, boolean log) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            long written = 0;
            long clock = 1_700_000_000_000L + random.nextLong(1_000_000_000L);
            while (written < size) {
                int n = 0;
                while (n < buffer.length - 400) {
                    if (log) {
                        clock += random.nextInt(2000);
                        n = put(n, String.format(Locale.ROOT, "%d %s [%s] %s - request %d from 10.%d.%d.%d took %d ms status=%d%n",
                                clock, random.nextInt(10) == 0 ? "WARN" : "INFO", word(), word(), random.nextInt(1_000_000),
                                random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(500),
                                random.nextInt(8) == 0 ? 500 : 200));
                    } else {
                        int indent = random.nextInt(4) * 4;
                        for (int i = 0; i < indent; i++) {
                            buffer[n++] = ' ';
                        }
                        int words = 2 + random.nextInt(9);
                        for (int w = 0; w < words; w++) {
                            byte[] id = identifiers[(int) Math.min(identifiers.length - 1, Math.abs(random.nextGaussian()) * 400)];
                            System.arraycopy(id, 0, buffer, n, id.length);
                            n += id.length;
                            buffer[n++] = (byte) " .(,=;".charAt(random.nextInt(6));
                            if (random.nextInt(12) == 0) {
                                n = put(n, Integer.toString(random.nextInt(100000)));
                            }
                        }
                        buffer[n++] = '\n';
                    }
                }
                int take = (int) Math.min(n, size - written);
                out.write(buffer, 0, take);
                written += take;
            }
        }
    }

    private String word() {
        return new String(identifiers[random.nextInt(identifiers.length)], StandardCharsets.US_ASCII);
    }

    private int put(int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, buffer, at, b.length);
        return at + b.length;
    }

    /** Already-compressed data: random bytes. */
    private void random(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(buffer.length, left);
                for (int i = 0; i < n; i++) {
                    buffer[i] = (byte) random.nextInt();
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** Pieces of the JDK's binaries (modules image, shared libraries, executables). */
    private void binary(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = size;
            while (left > 0) {
                Path from = binaries.get(random.nextInt(binaries.size()));
                long length = sizeOf(from);
                long take = Math.min(left, Math.min(length, 1 + random.nextLong(8 * MIB)));
                long offset = random.nextLong(Math.max(1, length - take + 1));
                try (InputStream in = Files.newInputStream(from)) {
                    in.skipNBytes(offset);
                    long copied = 0;
                    while (copied < take) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, take - copied));
                        out.write(buffer, 0, n);
                        copied += n;
                    }
                }
                left -= take;
            }
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
