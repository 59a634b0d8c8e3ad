package io.seedship.staging.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.staging.source.Trees;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200,000 files with long names, staged and verified in a JVM with a 64 MiB heap. A list of every entry alone would
 * take more than that (measured: about 500 bytes per entry with its path, hash and objects, 95 MiB for these), so this
 * passes only if entries stream.
 */
class BoundedMemoryTest {

    private static final int DIRECTORIES = 400;
    private static final int FILES_PER_DIRECTORY = 500;

    @TempDir
    Path dir;

    @Test
    void twoHundredThousandFilesStageAndVerifyIn64MibOfHeap() throws Exception {
        Path source = dir.resolve("source");
        String padding = "-a-fairly-long-file-name-as-found-in-real-trees-of-documents-and-source-code";
        byte[] body = "some small file content, compressible, repeated twice; some small file content\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int d = 0; d < DIRECTORIES; d++) {
            Path sub = Files.createDirectories(source.resolve("directory-number-" + d + padding));
            for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
                try (OutputStream out = Files.newOutputStream(sub.resolve("file-" + f + padding + ".txt"))) {
                    out.write(body, 0, 1 + (d * 7 + f) % body.length);
                }
            }
        }
        Path staging = dir.resolve("staging");
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:MaxDirectMemorySize=64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), StagingChild.class.getName(),
                source.toString(), staging.toString(), Long.toString(Trees.MIB), Integer.toString(4 * Trees.MIB), "0",
                "verify")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the child finishes").isTrue();
        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isZero();
        long files = (long) DIRECTORIES * FILES_PER_DIRECTORY;
        assertThat(output).contains("fileCount=" + files).contains("verified RestoreReport").contains("files=" + files);
        assertThat(output).doesNotContain("OutOfMemoryError");
        output.lines().filter(l -> l.startsWith("peak heap")).forEach(System.out::println);
    }
}
