package io.seedship.vault.verify;

import io.seedship.stagingformat.Hex;
import io.seedship.stagingformat.ManifestChunk;
import io.seedship.stagingformat.StagingManifest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One chunk blob read back and hashed as staging hashed its file: MD5 of each {@code blockBytes} block (what Azure
 * checks per block on import), and of the whole where the manifest has it (format 1). Reads the stream once, a block at a time.
 */
final class BlobCheck {

  private BlobCheck() {
  }

  /** What differs from the manifest's chunk, each as a sentence naming the blob and, for a block, its offset. */
  static List<String> differences(String blob, ManifestChunk chunk, InputStream content, int blockBytes)
      throws IOException {
    MessageDigest whole = chunk.md5() == null ? null : StagingManifest.md5();
    MessageDigest block = StagingManifest.md5();
    byte[] buffer = new byte[Math.min(blockBytes, 1 << 20)];
    List<String> differences = new ArrayList<>();
    long offset = 0;
    long blockStart = 0;
    int index = 0;
    for (int n = content.read(buffer, 0, slice(offset, blockStart, blockBytes, buffer.length)); n > 0;
         n = content.read(buffer, 0, slice(offset, blockStart, blockBytes, buffer.length))) {
      if (whole != null) {
        whole.update(buffer, 0, n);
      }
      block.update(buffer, 0, n);
      offset += n;
      if (offset - blockStart == blockBytes) {
        compare(blob, chunk, index++, blockStart, Hex.of(block.digest()), differences);
        blockStart = offset;
      }
    }
    if (offset > blockStart) {
      compare(blob, chunk, index++, blockStart, Hex.of(block.digest()), differences);
    }
    if (!chunk.blockMd5s().isEmpty() && index != chunk.blockMd5s().size()) {
      differences.add("blob " + blob + " has " + index + " block(s) of " + blockBytes + " bytes, staging wrote "
          + chunk.blockMd5s().size());
    }
    if (whole != null) {
      String md5 = Hex.of(whole.digest());
      if (!chunk.md5().equalsIgnoreCase(md5)) {
        differences.add("blob " + blob + " has MD5 " + md5 + ", staging computed "
            + chunk.md5().toLowerCase(Locale.ROOT));
      }
    }
    return differences;
  }

  /** Reads never cross a block's end, so each block's digest ends exactly there. */
  private static int slice(long offset, long blockStart, int blockBytes, int buffer) {
    return (int) Math.min(buffer, blockBytes - (offset - blockStart));
  }

  private static void compare(String blob, ManifestChunk chunk, int index, long offset, String md5,
                              List<String> differences) {
    if (index < chunk.blockMd5s().size() && !chunk.blockMd5s().get(index).equalsIgnoreCase(md5)) {
      differences.add("blob " + blob + " block " + index + " at offset " + offset + " has MD5 " + md5
          + ", staging computed " + chunk.blockMd5s().get(index).toLowerCase(Locale.ROOT));
    }
  }
}
