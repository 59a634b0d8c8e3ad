package io.seedship.localazure.datacenter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The job's {@code driveHeaderHash}, checked against the raw (still encrypted) drive. Azure documents only the shape of
 * its published example, {@code offset:length:hash} entries joined by {@code ;} with 128-digit hashes (formats doc
 * 1.4); this reads each entry as the SHA-512 (128 hex digits) or SHA-256 (64) of those raw bytes, and requires the
 * entries to cover the drive's first sector and its three BitLocker metadata blocks (offsets read from the volume
 * header at 0xB0, 0xB8, 0xC0): what identifies the drive and unlocks it. A value of another shape (the docs also show
 * an empty string and a drive id) cannot be checked and is accepted.
 */
final class HeaderHash {

  private static final Pattern ENTRY = Pattern.compile("(\\d+):(\\d+):([0-9A-Fa-f]{64}|[0-9A-Fa-f]{128})");

  record Range(long offset, long length, String hash) {
  }

  private HeaderHash() {
  }

  /** The entries of a checkable value; empty when the value has another shape. */
  static List<Range> parse(String value) {
    List<Range> ranges = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return ranges;
    }
    for (String part : value.strip().split(";")) {
      var m = ENTRY.matcher(part.strip());
      if (!m.matches()) {
        return List.of();
      }
      ranges.add(new Range(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3)));
    }
    return ranges;
  }

  /** @throws DriveFailure (DiskOperationFailed) when the drive's header is not the one the job describes */
  static void check(Path device, String driveId, String value) throws DriveFailure {
    List<Range> ranges = parse(value);
    if (ranges.isEmpty()) {
      return;
    }
    try (FileChannel raw = FileChannel.open(device, StandardOpenOption.READ)) {
      List<Long> mustCover = new ArrayList<>(List.of(0L));
      ByteBuffer header = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
      readFully(raw, header, 0);
      for (int at : new int[] {0xB0, 0xB8, 0xC0}) {
        mustCover.add(header.getLong(at));
      }
      for (long offset : mustCover) {
        if (ranges.stream().noneMatch(r -> offset >= r.offset() && offset < r.offset() + r.length())) {
          throw new DriveFailure("DiskOperationFailed", "drive " + driveId + ": the job's driveHeaderHash does not"
              + " cover byte " + offset + " (the volume header and the BitLocker metadata blocks must be covered)");
        }
      }
      for (Range range : ranges) {
        MessageDigest digest = MessageDigest.getInstance(range.hash().length() == 128 ? "SHA-512" : "SHA-256");
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long done = 0;
        while (done < range.length()) {
          buffer.clear().limit((int) Math.min(buffer.capacity(), range.length() - done));
          readFully(raw, buffer, range.offset() + done);
          digest.update(buffer.array(), 0, buffer.limit());
          done += buffer.limit();
        }
        String actual = HexFormat.of().withUpperCase().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(range.hash())) {
          throw new DriveFailure("DiskOperationFailed", "drive " + driveId + ": the " + range.length()
              + " bytes at " + range.offset() + " do not match the job's driveHeaderHash: this is not the drive the"
              + " job describes, or it changed after it was prepared");
        }
      }
    } catch (IOException e) {
      throw new DriveFailure("DiskOperationFailed", "drive " + driveId + ": cannot read its header: "
          + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw new IOException("the drive ends before byte " + (offset + buffer.position()));
      }
    }
    buffer.flip();
  }
}
