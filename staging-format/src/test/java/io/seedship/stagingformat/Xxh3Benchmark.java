package io.seedship.stagingformat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * XXH3-128 on SIMD lanes against hash4j, over the same direct buffer in the staging reader's 256 KiB pieces, in one
 * run: a warm-up round, then the median of 3.
 * {@code ./mvnw -B -pl staging-format test -Dtest=Xxh3Benchmark -Dbench.xxh3=4096} (MiB hashed per round).
 */
@EnabledIfSystemProperty(named = "bench.xxh3", matches = "\\d+")
class Xxh3Benchmark {

    private static final int BUFFER = 4 << 20;
    private static final int PIECE = 256 << 10;

    @Test
    void lanesAgainstHash4j() {
        long bytes = Long.parseLong(System.getProperty("bench.xxh3")) << 20;
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        byte[] random = new byte[BUFFER];
        new Random(1).nextBytes(random);
        buffer.put(random).flip();
        List<Double> hash4j = new ArrayList<>();
        List<Double> lanes = new ArrayList<>();
        String[] digests = new String[2];
        for (int round = 0; round <= 3; round++) {
            double h = time(FileHash.Xxh3::new, buffer, bytes, digests, 0);
            double v = time(VectorXxh3::new, buffer, bytes, digests, 1);
            if (round > 0) {
                hash4j.add(h);
                lanes.add(v);
            }
        }
        if (!digests[0].equals(digests[1])) {
            throw new AssertionError("the digests differ: hash4j " + digests[0] + ", lanes " + digests[1]);
        }
        double mbHash4j = bytes / median(hash4j) / 1e6;
        double mbLanes = bytes / median(lanes) / 1e6;
        System.out.printf(Locale.ROOT, "XXH3-128 of %d MiB in %d KiB pieces of a direct buffer, median of 3: hash4j %.0f"
                + " MB/s, SIMD lanes (%s) %.0f MB/s (%.2fx)%n", bytes >> 20, PIECE >> 10, mbHash4j, VectorXxh3.shape(),
                mbLanes, mbLanes / mbHash4j);
    }

    /** Hashes {@code bytes} as files of 4 MiB each, the last digest into {@code digests[slot]}. */
    private static double time(Supplier<FileHash.Hasher> hashers, ByteBuffer buffer, long bytes, String[] digests,
                               int slot) {
        long start = System.nanoTime();
        for (long done = 0; done < bytes; done += BUFFER) {
            FileHash.Hasher hasher = hashers.get();
            for (int at = 0; at < BUFFER; at += PIECE) {
                hasher.update(buffer.slice(at, PIECE));
            }
            digests[slot] = hasher.digest().hex();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
