package io.seedship.diskprep.staged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.driveformat.plan.SourceFile;
import io.seedship.staging.chunks.ProgressListener;
import io.seedship.staging.chunks.StagingOptions;
import io.seedship.staging.chunks.StagingResult;
import io.seedship.staging.chunks.StagingWriter;
import io.seedship.staging.source.DirectoryTreeSource;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real staging (staging-service's writer) read as drives carry it. */
class StagedDataTest {

  @TempDir
  Path dir;
  Path staging;
  StagingResult staged;

  @BeforeEach
  void stage() throws Exception {
    Path source = Files.createDirectories(dir.resolve("source"));
    byte[] bytes = new byte[9 << 20];
    new Random(5).nextBytes(bytes);
    Files.write(source.resolve("data.bin"), bytes);
    staging = dir.resolve("staging");
    staged = new StagingWriter(StagingOptions.defaults().withChunkTargetBytes(4 << 20))
        .write(new DirectoryTreeSource(source), staging, ProgressListener.NONE);
  }

  @Test
  void everyChunkBecomesABlobWithStagingsBlockMd5sAndTheManifestTravelsToo() throws Exception {
    StagedData data = StagedData.read(staging, staged.manifestSha256(), "seeds", "seed-1");

    List<SourceFile> chunks = data.files().stream().filter(f -> f.blobPath().endsWith(".zst")).toList();
    assertThat(chunks).hasSize(staged.chunkCount());
    for (SourceFile chunk : chunks) {
      assertThat(chunk.blobPath()).startsWith("/seeds/seed-1/chunk-");
      assertThat(chunk.blockMd5s()).as("staging's MD5s, not hashed again").isNotNull();
      byte[] content = Files.readAllBytes(chunk.path());
      for (int b = 0; b < chunk.blockCount(); b++) {
        int from = b * (4 << 20);
        byte[] block = java.util.Arrays.copyOfRange(content, from, Math.min(content.length, from + (4 << 20)));
        assertThat(chunk.blockMd5s().get(b)).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
            .digest(block)).toUpperCase(Locale.ROOT));
      }
    }
    assertThat(data.files()).extracting(SourceFile::blobPath)
        .contains("/seeds/seed-1/staging-manifest.json", "/seeds/seed-1/staging-manifest.json.sha256");
    assertThat(data.bytesNeeded()).isGreaterThan(staged.stagedBytes());
    assertThat(StagedData.sized(data.sizes())).extracting(SourceFile::blobPath, SourceFile::length)
        .containsExactlyElementsOf(data.files().stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.blobPath(),
            f.length())).toList());
  }

  @Test
  void aChangedStagingIsRefusedNamingWhatChanged() throws Exception {
    try (RandomAccessFile chunk = new RandomAccessFile(staging.resolve("chunk-000001.zst").toFile(), "rw")) {
      chunk.setLength(chunk.length() - 1);
    }
    assertThatThrownBy(() -> StagedData.read(staging, staged.manifestSha256(), "seeds", "s"))
        .isInstanceOf(StagedDataException.class).hasMessageContaining("chunk-000001.zst is")
        .hasMessageContaining("the staging location was changed");

    assertThatThrownBy(() -> StagedData.read(staging, "0".repeat(64), "seeds", "s"))
        .isInstanceOf(StagedDataException.class).hasMessageContaining("staging announced " + "0".repeat(64))
        .satisfies(e -> assertThat(((StagedDataException) e).field()).isEqualTo("manifestSha256"));

    assertThatThrownBy(() -> StagedData.read(dir.resolve("elsewhere"), null, "seeds", "s"))
        .isInstanceOf(StagedDataException.class).hasMessageContaining("is not a directory this copy machine can reach")
        .satisfies(e -> assertThat(((StagedDataException) e).field()).isEqualTo("stagingLocation"));
  }
}
