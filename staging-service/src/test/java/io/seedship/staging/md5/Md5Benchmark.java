package io.seedship.staging.md5;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block MD5s of a page-cached file, on lanes against one block at a time, in one run: a warm-up round, then the median
 * of 3. {@code ./mvnw -B -pl staging-service test -Dtest=Md5Benchmark -Dbench.md5=1024} (MiB).
 */
@EnabledIfSystemProperty(named = "bench.md5", matches = "\\d+")
class Md5Benchmark {

    private static final int BLOCK = 4 << 20;

    @TempDir
    Path dir;

    @Test
    void lanesAgainstOneBlockAtATime() throws Exception {
        long bytes = Long.parseLong(System.getProperty("bench.md5")) << 20;
        Path file = dir.resolve("blocks.bin");
        byte[] chunk = new byte[BLOCK];
        new Random(1).nextBytes(chunk);
        for (long written = 0; written < bytes; written += BLOCK) {
            Files.write(file, chunk, written == 0 ? new java.nio.file.OpenOption[0]
                    : new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.APPEND});
        }
        List<Double> scalar = new ArrayList<>();
        List<Double> lanes = new ArrayList<>();
        BlockMd5s vector = BlockMd5s.create(BLOCK);
        try (FileChannel channel = FileChannel.open(file)) {
            for (int round = 0; round <= 3; round++) {
                double s = time(BlockMd5s.scalar(BLOCK), channel);
                double v = time(vector, channel);
                if (round > 0) {
                    scalar.add(s);
                    lanes.add(v);
                }
            }
        }
        double mbScalar = bytes / median(scalar) / 1e6;
        double mbLanes = bytes / median(lanes) / 1e6;
        System.out.printf(Locale.ROOT, "block MD5s of %d MiB, median of 3: one block at a time %.0f MB/s, %s %.0f MB/s"
                + " (%.2fx)%n", bytes >> 20, mbScalar, vector.description(), mbLanes, mbLanes / mbScalar);
    }

    private static double time(BlockMd5s md5s, FileChannel channel) throws Exception {
        long start = System.nanoTime();
        md5s.hash(channel, 0, channel.size());
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
