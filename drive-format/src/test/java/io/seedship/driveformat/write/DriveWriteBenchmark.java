package io.seedship.driveformat.write;

import io.seedship.driveformat.bitlocker.EncryptionMethod;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.manifest.Base16;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.DriveTarget;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.driveformat.plan.SpanPlanner;
import io.seedship.driveformat.testing.Commands;
import io.seedship.driveformat.testing.DataSets;
import io.seedship.driveformat.verify.DriveVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Drive writing speed against {@code dd if=<the same bytes> of=<the same kind of target> bs=4M conv=fdatasync}, in the
 * same run: {@code . scripts/java-home.sh && ./mvnw -B -pl drive-format test -Dtest=DriveWriteBenchmark -Dbench.gib=2}
 * (as root for a loop device, with the Debian package ntfs-3g installed; about 3 minutes). Not part of the test suite:
 * surefire runs only classes named *Test, *Tests, *TestCase or Test*.
 *
 * <p>The target: a loop device on a fresh sparse image file when running as root and {@code losetup} works (the
 * nearest thing to a drive on a machine without one), a sparse image file otherwise; the printout says which and why.
 * Each round runs, one after the other on a fresh target of the same size: {@code dd} of every source file to its
 * offset ({@code bs=4M conv=notrunc,fdatasync}), the writer with the block MD5s given (as staging's manifest gives
 * them), the writer hashing each block itself (as the command line on a plain directory does), and the read-back
 * verify of that last drive (page cache dropped first when root; the sources are read back into it afterwards). The
 * writer's time is the whole {@code write}:
 * formatting, sealing, data, manifest, final sync; the split into layout / data / the rest is printed per round, and
 * the ratios are printed again without the layout, a cost per drive that a 2 GiB run magnifies (0.3-0.9 s here).
 * {@code dd} runs once per source file, each to the file's offset, so it syncs every 512 MiB; the writer syncs every
 * 256 MiB (its default {@code syncEvery}).
 * Sources are read from the page cache in every case (they were just written and the machine has room for them).
 *
 * <p>Properties: {@code bench.gib} (data set size, default 2), {@code bench.rounds} (default 5), {@code bench.dir}
 * (default target/bench), {@code bench.verify} (default true), {@code bench.loop} (default true: false forces the
 * image-file target).
 */
class DriveWriteBenchmark {

    static final long MIB = 1024 * 1024;

    @Test
    void writeSpeedAgainstDd() throws Exception {
        double gib = Double.parseDouble(System.getProperty("bench.gib", "2"));
        int rounds = Integer.getInteger("bench.rounds", 5);
        boolean verify = Boolean.parseBoolean(System.getProperty("bench.verify", "true"));
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        if (!Commands.available("mkntfs", "ntfscp", "ntfsfallocate", "dd")) {
            throw new AssertionError("the drive write benchmark needs the ntfs-3g tools and dd: apt-get install ntfs-3g coreutils");
        }
        Commands.run("rm", "-rf", dir.toString());
        Files.createDirectories(dir);
        try {
            long fileSize = 512 * MIB;
            int count = (int) Math.max(1, Math.round(gib * 1024 * MIB / fileSize));
            long[] sizes = new long[count];
            Arrays.fill(sizes, fileSize);
            List<SourceFile> plain = DataSets.files(dir.resolve("src"), "bench", sizes);
            List<SourceFile> hashed = new ArrayList<>();
            for (SourceFile file : plain) {
                hashed.add(new SourceFile(file.path(), file.blobPath(), file.length(), blockMd5s(file.path())));
            }
            long bytes = count * fileSize;
            long driveSize = (bytes + bytes / 10 + 256 * MIB) / MIB * MIB;
            Target target = Target.choose(dir, Boolean.parseBoolean(System.getProperty("bench.loop", "true")));
            System.out.printf(Locale.ROOT, "data set: %d files of %d MiB = %.2f GiB; target: %s of %.2f GiB; %d rounds; %s%n",
                    count, fileSize / MIB, bytes / (double) (1024 * MIB), target.description, driveSize / (double) (1024 * MIB),
                    rounds, machine());

            // warm-up (JIT, page cache of the sources): one small write of each kind, not counted
            long warmSize = (fileSize + fileSize / 10 + 256 * MIB) / MIB * MIB;
            seedship(dir, target, List.of(hashed.get(0)), warmSize, "WARM-1", false);
            seedship(dir, target, List.of(plain.get(0)), warmSize, "WARM-2", false);

            double[] dd = new double[rounds];
            double[] given = new double[rounds];
            double[] hashing = new double[rounds];
            double[] check = new double[rounds];
            double[] givenData = new double[rounds];
            double[] hashingData = new double[rounds];
            double[] layoutSeconds = new double[2 * rounds];
            for (int round = 0; round < rounds; round++) {
                dd[round] = mbps(bytes, ddBaseline(dir, target, plain, driveSize));
                Run withMd5s = seedship(dir, target, hashed, driveSize, "BENCH-A" + round, false);
                given[round] = mbps(bytes, withMd5s.nanos);
                givenData[round] = mbps(bytes, withMd5s.nanos - withMd5s.layoutNanos);
                Run whileHashing = seedship(dir, target, plain, driveSize, "BENCH-B" + round, verify);
                hashing[round] = mbps(bytes, whileHashing.nanos);
                hashingData[round] = mbps(bytes, whileHashing.nanos - whileHashing.layoutNanos);
                layoutSeconds[2 * round] = withMd5s.layoutNanos / 1e9;
                layoutSeconds[2 * round + 1] = whileHashing.layoutNanos / 1e9;
                check[round] = verify ? mbps(bytes, whileHashing.verifyNanos) : Double.NaN;
                if (verify) {
                    // the verify dropped the page cache: the sources go back into it, as every write found them
                    warm(plain);
                }
                System.out.printf(Locale.ROOT, "round %d (load %s): dd %4.0f MB/s | writer, MD5s given %4.0f MB/s (%.3f; %s) | "
                                + "writer, hashing %4.0f MB/s (%.3f; %s) | read-back verify %4.0f MB/s%n",
                        round + 1, load(), dd[round], given[round], given[round] / dd[round], withMd5s.split(),
                        hashing[round], hashing[round] / dd[round], whileHashing.split(), check[round]);
            }
            double ddMedian = median(dd);
            System.out.printf(Locale.ROOT, "%nmedians over %d rounds (MB/s = 10^6 bytes/s; ratio = median / dd's median, "
                    + "[median of the per-round ratios]); target: %s%n", rounds, target.description);
            System.out.printf(Locale.ROOT, "  dd bs=4M conv=fdatasync           %6.0f MB/s%n", ddMedian);
            System.out.printf(Locale.ROOT, "  writer, MD5s given (staging)      %6.0f MB/s  ratio %.3f [%.3f]%n",
                    median(given), median(given) / ddMedian, medianRatio(given, dd));
            System.out.printf(Locale.ROOT, "  writer, hashing while writing     %6.0f MB/s  ratio %.3f [%.3f]%n",
                    median(hashing), median(hashing) / ddMedian, medianRatio(hashing, dd));
            System.out.printf(Locale.ROOT, "  without the layout (formatting, sealing: a cost per drive, not per byte; median %.2f s here):%n",
                    median(layoutSeconds));
            System.out.printf(Locale.ROOT, "    writer, MD5s given, data only   %6.0f MB/s  ratio %.3f [%.3f]%n",
                    median(givenData), median(givenData) / ddMedian, medianRatio(givenData, dd));
            System.out.printf(Locale.ROOT, "    writer, hashing, data only      %6.0f MB/s  ratio %.3f [%.3f]%n",
                    median(hashingData), median(hashingData) / ddMedian, medianRatio(hashingData, dd));
            if (verify) {
                System.out.printf(Locale.ROOT, "  read-back verify (cold cache)     %6.0f MB/s  ratio %.3f [%.3f]%n",
                        median(check), median(check) / ddMedian, medianRatio(check, dd));
            }
        } finally {
            Commands.run("rm", "-rf", dir.toString());
        }
    }

    /** Where the bytes go: a loop device over a fresh sparse image, or the image itself. */
    private record Target(boolean loop, String description) {

        static Target choose(Path dir, boolean wanted) throws Exception {
            if (!wanted) {
                return new Target(false, "sparse image file (bench.loop=false)");
            }
            if (!root()) {
                return new Target(false, "sparse image file (not root: a loop device needs root)");
            }
            Path probe = DataSets.image(dir, "probe.img", 16 * MIB);
            Commands.Result attach = Commands.run("losetup", "-f", "--show", probe.toString());
            try {
                if (attach.exit() != 0) {
                    return new Target(false, "sparse image file (losetup failed: " + attach.output().strip() + ")");
                }
                return new Target(true, "loop device on a sparse image file");
            } finally {
                if (attach.exit() == 0) {
                    Commands.run("losetup", "-d", attach.output().strip());
                }
                Files.delete(probe);
            }
        }

        /** A fresh target of {@code size} bytes. */
        Attached attach(Path dir, String name, long size) throws Exception {
            Path image = dir.resolve(name);
            Files.deleteIfExists(image);
            DataSets.image(dir, name, size);
            if (!loop) {
                return new Attached(image, image, null);
            }
            Commands.Result attach = Commands.run("losetup", "-f", "--show", image.toString());
            if (attach.exit() != 0) {
                Files.delete(image);
                throw new IOException("losetup -f --show " + image + " failed: " + attach.output());
            }
            Path device = Path.of(attach.output().strip());
            return new Attached(image, device, device);
        }
    }

    private record Attached(Path image, Path device, Path loop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (loop != null) {
                Commands.run("losetup", "-d", loop.toString());
            }
            Files.deleteIfExists(image);
        }
    }

    /** One write: the whole call, and when its first and last data blocks were written. */
    private record Run(long bytes, long nanos, long layoutNanos, long dataNanos, long cpuNanos, long verifyNanos) {
        String split() {
            return String.format(Locale.ROOT, "layout %.1f s, data %.1f s, rest %.1f s, this JVM's CPU %.2f s/GiB",
                    layoutNanos / 1e9, dataNanos / 1e9, (nanos - layoutNanos - dataNanos) / 1e9,
                    cpuNanos / 1e9 / (bytes / (double) (1024 * MIB)));
        }
    }

    /** CPU time of this JVM, all threads: the writer's cost, whatever else the machine runs. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Run seedship(Path dir, Target target, List<SourceFile> files, long driveSize, String id, boolean verifyAfter)
            throws Exception {
        Commands.run("rm", "-rf", dir.resolve("journal").toString());
        try (Attached drive = target.attach(dir, "seedship.img", driveSize)) {
            DrivePlan plan = SpanPlanner.plan(files, List.of(new DriveTarget(drive.device(), id, driveSize))).drives().get(0);
            RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
            DriveWriter writer = new DriveWriter(DriveWriter.Options.defaults(dir.resolve("journal"), dir.resolve("scratch"))
                    .withMethod(EncryptionMethod.AES_XTS_128));
            long[] marks = new long[2];
            long cpu = cpuNanos();
            long start = System.nanoTime();
            writer.write(plan, password, (done, total) -> {
                long now = System.nanoTime();
                if (marks[0] == 0) {
                    marks[0] = now;
                }
                marks[1] = now;
            });
            long end = System.nanoTime();
            cpu = cpuNanos() - cpu;
            long verifyNanos = 0;
            if (verifyAfter) {
                dropCaches();
                long verifyStart = System.nanoTime();
                if (!DriveVerifier.verify(drive.device(), password, ProgressListener.NONE).ok()) {
                    throw new AssertionError("the benchmark drive does not verify");
                }
                verifyNanos = System.nanoTime() - verifyStart;
            }
            // the first mark comes after the first block is written: the layout time includes one block
            long bytes = files.stream().mapToLong(SourceFile::length).sum();
            return new Run(bytes, end - start, marks[0] - start, marks[1] - marks[0], cpu, verifyNanos);
        }
    }

    private static long ddBaseline(Path dir, Target target, List<SourceFile> files, long driveSize) throws Exception {
        try (Attached drive = target.attach(dir, "plain.img", driveSize)) {
            long start = System.nanoTime();
            long offset = 0;
            for (SourceFile file : files) {
                Commands.Result result = Commands.run("dd", "if=" + file.path(), "of=" + drive.device(), "bs=4M",
                        "oflag=seek_bytes", "seek=" + offset, "conv=notrunc,fdatasync", "status=none");
                if (result.exit() != 0) {
                    throw new IOException(result.output());
                }
                offset += file.length();
            }
            return System.nanoTime() - start;
        }
    }

    private static void warm(List<SourceFile> files) throws Exception {
        for (SourceFile file : files) {
            Commands.run("dd", "if=" + file.path(), "of=/dev/null", "bs=4M", "status=none");
        }
    }

    private static boolean root() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static void dropCaches() throws Exception {
        if (root()) {
            Commands.run("sh", "-c", "sync; echo 1 > /proc/sys/vm/drop_caches");
        }
    }

    private static String load() throws Exception {
        String[] fields = Commands.run("cat", "/proc/loadavg").output().strip().split(" ");
        return fields[0];
    }

    private static String machine() throws Exception {
        return Runtime.getRuntime().availableProcessors() + " CPUs, load " + Commands.run("cat", "/proc/loadavg").output().strip()
                + ", JDK " + System.getProperty("java.version");
    }

    private static List<String> blockMd5s(Path file) throws IOException {
        List<String> md5s = new ArrayList<>();
        byte[] block = new byte[4 * 1024 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(block, 0, block.length)) > 0) {
                MessageDigest md5 = Base16.md5();
                md5.update(block, 0, n);
                md5s.add(Base16.of(md5.digest()));
            }
        }
        return md5s;
    }

    private static double mbps(long bytes, long nanos) {
        return bytes / (nanos / 1e9) / 1e6;
    }

    private static double medianRatio(double[] values, double[] baseline) {
        double[] ratios = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            ratios[i] = values[i] / baseline[i];
        }
        return median(ratios);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
