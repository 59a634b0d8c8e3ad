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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Drive writing speed against a plain sequential write of the same bytes, in the same run:
 * {@code ./mvnw -B -pl drive-format test -Dtest=DriveWriteBenchmark -Dbench.gib=4}. Not part of the test suite (its
 * name does not end in Test). Two plain writes of the same bytes into a fresh image: {@code dd bs=4M
 * conv=notrunc,fdatasync} per source file, and a Java loop writing 4 MiB at a time with the writer's sync cadence; the
 * faster is the baseline. The writer's time includes formatting, sealing, the manifest and the final sync. Rounds
 * alternate so that all see the same machine.
 */
class DriveWriteBenchmark {

    static final long MIB = 1024 * 1024;

    @Test
    void writeSpeedAgainstPlainSequentialWrite() throws Exception {
        double gib = Double.parseDouble(System.getProperty("bench.gib", "4"));
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
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
            System.out.printf(Locale.ROOT, "data set: %d files of %d MiB = %.2f GiB; drive image %.2f GiB; %d rounds%n",
                    count, fileSize / MIB, bytes / (double) (1024 * MIB), driveSize / (double) (1024 * MIB), rounds);

            double[] dd = new double[rounds];
            double[] java = new double[rounds];
            double[] staged = new double[rounds];
            double[] inline = new double[rounds];
            double[] verify = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                dd[round] = mbps(bytes, ddBaseline(dir, plain, driveSize));
                java[round] = mbps(bytes, javaBaseline(dir, plain, driveSize));
                staged[round] = mbps(bytes, seedship(dir, hashed, driveSize, round, false));
                inline[round] = mbps(bytes, seedship(dir, plain, driveSize, round, true));
                verify[round] = mbps(bytes, lastVerifyNanos);
                System.out.printf(Locale.ROOT, "round %d: dd %.0f MB/s, plain Java write %.0f MB/s, seedship (MD5s from staging) %.0f MB/s, "
                        + "seedship (MD5 while writing) %.0f MB/s, read-back verify %.0f MB/s%n",
                        round + 1, dd[round], java[round], staged[round], inline[round], verify[round]);
            }
            // the faster of the two plain writes is the baseline
            double ddMedian = Math.max(median(dd), median(java));
            System.out.printf(Locale.ROOT, "%nmedian over %d rounds (MB/s = 10^6 bytes/s)%n", rounds);
            System.out.printf(Locale.ROOT, "  dd bs=4M conv=fdatasync per file   %8.0f MB/s%n", median(dd));
            System.out.printf(Locale.ROOT, "  plain Java sequential write        %8.0f MB/s%n", median(java));
            System.out.printf(Locale.ROOT, "  baseline (the faster of the two)   %8.0f MB/s%n", ddMedian);
            System.out.printf(Locale.ROOT, "  seedship, MD5s from staging        %8.0f MB/s  ratio %.3f%n", median(staged), median(staged) / ddMedian);
            System.out.printf(Locale.ROOT, "  seedship, MD5 while writing        %8.0f MB/s  ratio %.3f%n", median(inline), median(inline) / ddMedian);
            System.out.printf(Locale.ROOT, "  read-back verify                   %8.0f MB/s  ratio %.3f%n", median(verify), median(verify) / ddMedian);
        } finally {
            Commands.run("rm", "-rf", dir.toString());
        }
    }

    private long lastVerifyNanos;

    private long seedship(Path dir, List<SourceFile> files, long driveSize, int round, boolean verifyAfter) throws Exception {
        Path image = dir.resolve("seedship.img");
        Files.deleteIfExists(image);
        DataSets.image(dir, "seedship.img", driveSize);
        Commands.run("rm", "-rf", dir.resolve("journal").toString());
        DrivePlan plan = SpanPlanner.plan(files, List.of(new DriveTarget(image, "BENCH-" + round, driveSize))).drives().get(0);
        RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
        DriveWriter writer = new DriveWriter(DriveWriter.Options.defaults(dir.resolve("journal"), dir.resolve("scratch"))
                .withMethod(EncryptionMethod.AES_XTS_128));
        long start = System.nanoTime();
        writer.write(plan, password, ProgressListener.NONE);
        long nanos = System.nanoTime() - start;
        if (verifyAfter) {
            Commands.run("sh", "-c", "echo 1 > /proc/sys/vm/drop_caches");
            start = System.nanoTime();
            if (!DriveVerifier.verify(image, password, ProgressListener.NONE).ok()) {
                throw new AssertionError("the benchmark drive does not verify");
            }
            lastVerifyNanos = System.nanoTime() - start;
        }
        Files.delete(image);
        return nanos;
    }

    private static long ddBaseline(Path dir, List<SourceFile> files, long driveSize) throws Exception {
        Path image = dir.resolve("plain.img");
        Files.deleteIfExists(image);
        DataSets.image(dir, "plain.img", driveSize);
        long start = System.nanoTime();
        long offset = 0;
        for (SourceFile file : files) {
            Commands.Result result = Commands.run("dd", "if=" + file.path(), "of=" + image, "bs=4M", "oflag=seek_bytes",
                    "seek=" + offset, "conv=notrunc,fdatasync", "status=none");
            if (result.exit() != 0) {
                throw new IOException(result.output());
            }
            offset += file.length();
        }
        long nanos = System.nanoTime() - start;
        Files.delete(image);
        return nanos;
    }

    /** The same bytes written in order, 4 MiB at a time, synced every 256 MiB and at the end, as the writer syncs. */
    private static long javaBaseline(Path dir, List<SourceFile> files, long driveSize) throws Exception {
        Path image = dir.resolve("plain.img");
        Files.deleteIfExists(image);
        DataSets.image(dir, "plain.img", driveSize);
        long start = System.nanoTime();
        byte[] buffer = new byte[4 * 1024 * 1024];
        try (FileChannel out = FileChannel.open(image, StandardOpenOption.WRITE)) {
            long position = 0;
            long sinceSync = 0;
            for (SourceFile file : files) {
                try (FileChannel in = FileChannel.open(file.path(), StandardOpenOption.READ)) {
                    long offset = 0;
                    while (offset < file.length()) {
                        ByteBuffer into = ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, file.length() - offset));
                        while (into.hasRemaining()) {
                            in.read(into, offset + into.position());
                        }
                        into.flip();
                        while (into.hasRemaining()) {
                            position += out.write(into, position);
                        }
                        offset += into.limit();
                        sinceSync += into.limit();
                        if (sinceSync >= 256 * MIB) {
                            out.force(false);
                            sinceSync = 0;
                        }
                    }
                }
            }
            out.force(false);
        }
        long nanos = System.nanoTime() - start;
        Files.delete(image);
        return nanos;
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

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
