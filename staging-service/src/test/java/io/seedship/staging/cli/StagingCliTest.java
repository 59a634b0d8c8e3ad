package io.seedship.staging.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.staging.source.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingCliTest {

    @TempDir
    Path dir;

    private static CliRun.Run cli(String... args) {
        return CliRun.cli(args);
    }

    @Test
    void estimateWriteVerifyAndRestore() throws Exception {
        Path source = dir.resolve("source");
        Trees.text(source.resolve("docs/a.txt"), 3L * Trees.MIB, 1);
        Files.writeString(source.resolve("b.txt"), "b\n");
        Path staging = dir.resolve("staging");

        CliRun.Run estimate = cli("estimate", "--source", source.toString());
        assertThat(estimate.exit()).as(estimate.err()).isZero();
        assertThat(estimate.out()).contains("2 files").contains("estimated staged size");

        CliRun.Run write = cli("write", "--source", source.toString(), "--staging", staging.toString(), "--chunk-size", "1MiB");
        assertThat(write.exit()).as(write.err()).isZero();
        assertThat(write.out()).contains("staged 2 files").contains("sha256 ");

        CliRun.Run verify = cli("verify", "--staging", staging.toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("verified").contains("2 files");

        CliRun.Run restore = cli("restore", "--staging", staging.toString(), "--target", dir.resolve("out").toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        Trees.assertSameTree(source, dir.resolve("out"));
    }

    @Test
    void directoriesGoByPositionAsTheReadmeShows() throws Exception {
        Path source = dir.resolve("source");
        Files.writeString(Files.createDirectories(source).resolve("a.txt"), "a\n");
        Path staging = dir.resolve("staging-seed-1234");

        assertThat(cli("estimate", source.toString()).exit()).isZero();
        CliRun.Run write = cli("write", source.toString(), staging.toString());
        assertThat(write.exit()).as(write.err()).isZero();

        // the README: ./seedship-staging verify /staging/seed-1234 and restore /staging/seed-1234 /tmp/restored
        CliRun.Run verify = cli("verify", staging.toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("verified").contains("1 files");
        CliRun.Run restore = cli("restore", staging.toString(), dir.resolve("restored").toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        Trees.assertSameTree(source, dir.resolve("restored"));

        CliRun.Run neither = cli("verify");
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("missing the staging directory: give it as an argument or with"
                + " --staging=<dir>");
        CliRun.Run both = cli("verify", staging.toString(), "--staging", dir.resolve("other").toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("the staging directory is given twice");
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        CliRun.Run missing = cli("write", "--source", dir.resolve("nope").toString(), "--staging", dir.resolve("s").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("error:").contains("nope").contains("must be an existing directory");
        CliRun.Run small = cli("write", "--source", dir.toString(), "--staging", dir.resolve("s").toString(), "--chunk-size", "1KiB");
        assertThat(small.exit()).isEqualTo(2);
        assertThat(small.err()).contains("below the minimum of 1 MiB");
    }

    @Test
    void sizesParse() {
        assertThat(StagingCli.size("1GiB")).isEqualTo(1L << 30);
        assertThat(StagingCli.size("512 MiB")).isEqualTo(512L << 20);
        assertThat(StagingCli.size("1048576")).isEqualTo(1L << 20);
        assertThatThrownBy(() -> StagingCli.size("1GB")).hasMessageContaining("KiB, MiB, GiB or TiB");
    }
}
