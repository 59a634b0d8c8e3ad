package io.seedship.cert.serverfiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Whole-file writes that readers never see half done, and that leave identical files alone. */
final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Puts {@code content} at {@code file}: a temp file in the same directory, fsync, then an atomic rename over the old
   * file. A file that already holds exactly {@code content} is not touched (its modification time stays), so replaying
   * a command is a no-op.
   *
   * @return whether the file was written
   */
  static boolean writeIfChanged(Path file, byte[] content) throws IOException {
    if (Files.isRegularFile(file) && Files.size(file) == content.length
        && Arrays.equals(Files.readAllBytes(file), content)) {
      return false;
    }
    Path dir = file.toAbsolutePath().getParent();
    // createTempFile makes it readable by its owner only on POSIX; the rename keeps that
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    fsyncDirectory(dir);
    return true;
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // Windows cannot open a directory as a channel; NTFS journals the rename itself
    }
  }
}
