package io.seedship.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.runtime.test.TestDatabases;
import io.seedship.stagingformat.restore.StagingRestorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

class StagingServiceOnH2Test extends StagingServiceContract {

  @Override
  Map<String, Object> database(String name) {
    return TestDatabases.h2(name);
  }

  /** The embedded database is a file that outlives the service: a restart finds the write it had claimed. */
  @Test
  @Order(50)
  void aWriteInterruptedByARestartResumesKeepingItsFinishedChunks() throws Exception {
    Path big = Files.createDirectories(home.resolve("big-source"));
    Random random = new Random(7);
    byte[] block = new byte[8 << 20];
    for (int i = 0; i < 48; i++) {
      random.nextBytes(block);
      if (i % 2 == 0) {
        java.util.Arrays.fill(block, 0, block.length / 2, (byte) 'x');
      }
      Files.write(big.resolve("part-" + i + ".bin"), block);
    }
    String seed = UUID.randomUUID().toString();
    publisher.publish(requestSeed(seed, request("resume-" + seed.substring(0, 8), big)));
    SeedAccepted accepted = await(seed, SeedAccepted.class);
    Path dir = staging.resolve(accepted.getRequest().getImportJobName());
    publisher.publish(applicationReady(seed, accepted.getMetadata()));

    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (chunks(dir) < 2) {
      assertThat(Instant.now()).as("two chunks written").isBefore(deadline);
      Thread.sleep(5);
    }
    service.close(); // stops the writer mid-write, as a deploy or a crash would
    assertThat(dir.resolve("staging-manifest.json")).as("the write was still going when the service stopped")
        .doesNotExist();
    Path first = dir.resolve("chunk-000001.zst");
    Object firstKey = Files.readAttributes(first, BasicFileAttributes.class).fileKey();
    FileTime firstModified = Files.getLastModifiedTime(first);

    service = startService();
    StagingCompleted completed = await(seed, StagingCompleted.class);

    assertThat(Files.readAttributes(first, BasicFileAttributes.class).fileKey()).isEqualTo(firstKey);
    assertThat(Files.getLastModifiedTime(first)).as("a finished chunk is kept, not rewritten")
        .isEqualTo(firstModified);
    assertThat(completed.getSourceBytes()).isEqualTo(48L * (8 << 20));
    Path restored = home.resolve("restored-big");
    new StagingRestorer().restore(dir, restored);
    MixedTree.assertSameTree(big, restored);
    assertThat(all(StagingCompleted.class, seed)).hasSize(1);
  }

  static long chunks(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches("chunk-\\d+\\.zst")).count();
    }
  }
}
