package io.seedship.staging.chunks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.seedship.staging.source.DirectoryTreeSource;
import io.seedship.staging.source.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingEstimatorTest {

    private static final int MIB = Trees.MIB;

    @TempDir
    Path dir;

    @Test
    void aSmallTreeIsEstimatedFastAndCloseToTheStagedSize() throws Exception {
        Path source = dir.resolve("source");
        Trees.text(source.resolve("logs/a.log"), 12L * MIB, 1);
        Trees.random(source.resolve("media/b.bin"), 6L * MIB, 2);
        for (int i = 0; i < 200; i++) {
            Trees.text(source.resolve("docs/d" + i + ".txt"), 2000 + i, 10 + i);
        }
        StagingOptions options = StagingOptions.defaults().withChunkTargetBytes(4L * MIB);
        DirectoryTreeSource tree = new DirectoryTreeSource(source);

        new StagingEstimator(options).estimate(tree); // warm the JIT and the page cache
        long start = System.nanoTime();
        StagingEstimate estimate = new StagingEstimator(options).estimate(tree);
        long millis = (System.nanoTime() - start) / 1_000_000;

        StagingResult staged = new StagingWriter(options).write(tree, dir.resolve("staging"), null);
        assertThat(estimate.sourceBytes()).isEqualTo(staged.sourceBytes());
        assertThat(estimate.fileCount()).isEqualTo(202);
        assertThat(estimate.sampledBytes()).as("under 64 MiB, everything is sampled").isEqualTo(staged.sourceBytes());
        assertThat((double) estimate.estimatedStagedBytes() / staged.stagedBytes()).isCloseTo(1.0, within(0.1));
        assertThat(millis).as("estimate took %d ms", millis).isLessThan(1000);
    }

    @Test
    void aLargerTreeIsSampledWithinTheBudget() throws Exception {
        Path source = dir.resolve("source");
        for (int i = 0; i < 6; i++) {
            Trees.text(source.resolve("t" + i + ".log"), 20L * MIB, i);
            Trees.random(source.resolve("r" + i + ".bin"), 10L * MIB + i, 100 + i);
        }
        StagingOptions options = StagingOptions.defaults();
        DirectoryTreeSource tree = new DirectoryTreeSource(source);
        StagingEstimate estimate = new StagingEstimator(options).estimate(tree);
        assertThat(estimate.sourceBytes()).isEqualTo(180L * MIB + 15);
        assertThat(estimate.sampledBytes()).isLessThanOrEqualTo(64L * MIB).isGreaterThan(32L * MIB);
        StagingResult staged = new StagingWriter(options).write(tree, dir.resolve("staging"), null);
        assertThat((double) estimate.estimatedStagedBytes() / staged.stagedBytes()).isCloseTo(1.0, within(0.15));
    }

    @Test
    void anEmptySourceIsEstimatedAtZero() throws Exception {
        Files.createDirectories(dir.resolve("source/empty"));
        StagingEstimate estimate = new StagingEstimator(StagingOptions.defaults())
                .estimate(new DirectoryTreeSource(dir.resolve("source")));
        assertThat(estimate.estimatedStagedBytes()).isZero();
        assertThat(estimate.sourceBytes()).isZero();
    }
}
