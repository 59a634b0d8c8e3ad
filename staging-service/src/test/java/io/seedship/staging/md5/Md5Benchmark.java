package io.seedship.staging.md5;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Block MD5s of 4 MiB blocks in memory, as the chunk writer hands them to the hasher, a batch of {@code lanes} at a
 * time: on lanes against one block at a time, in one run, a warm-up round, then the median of 3.
 * {@code ./mvnw -B -pl staging-service test -Dtest=Md5Benchmark -Dbench.md5=1024} (MiB).
 */
@EnabledIfSystemProperty(named = "bench.md5", matches = "\\d+")
class Md5Benchmark {

    private static final int BLOCK = 4 << 20;

    @Test
    void lanesAgainstOneBlockAtATime() {
        long bytes = Long.parseLong(System.getProperty("bench.md5")) << 20;
        BlockMd5s vector = BlockMd5s.create(BLOCK);
        Random random = new Random(1);
        List<ByteBuffer> batch = new ArrayList<>();
        for (int i = 0; i < vector.lanes(); i++) {
            byte[] block = new byte[BLOCK];
            random.nextBytes(block);
            batch.add(ByteBuffer.allocateDirect(BLOCK).put(block).flip());
        }
        long batches = Math.max(1, bytes / ((long) BLOCK * batch.size()));
        List<Double> scalar = new ArrayList<>();
        List<Double> lanes = new ArrayList<>();
        for (int round = 0; round <= 3; round++) {
            double s = time(BlockMd5s.scalar(BLOCK), batch, batches);
            double v = time(vector, batch, batches);
            if (round > 0) {
                scalar.add(s);
                lanes.add(v);
            }
        }
        double hashed = (double) batches * batch.size() * BLOCK;
        double mbScalar = hashed / median(scalar) / 1e6;
        double mbLanes = hashed / median(lanes) / 1e6;
        System.out.printf(Locale.ROOT, "block MD5s of %.0f MiB in memory, median of 3: one block at a time %.0f MB/s,"
                + " %s %.0f MB/s (%.2fx)%n", hashed / (1 << 20), mbScalar, vector.description(), mbLanes,
                mbLanes / mbScalar);
    }

    private static double time(BlockMd5s md5s, List<ByteBuffer> batch, long batches) {
        long start = System.nanoTime();
        for (long b = 0; b < batches; b++) {
            if (md5s.hash(batch).size() != batch.size()) {
                throw new AssertionError("one MD5 per block");
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
