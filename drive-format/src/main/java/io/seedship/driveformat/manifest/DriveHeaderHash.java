package io.seedship.driveformat.manifest;

import io.seedship.driveformat.volume.VolumeReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Seedship's drive header hash. Azure does not document the format; the published example is a list of
 * {@code offset:length:hex} entries joined by {@code ;} with 128-digit (SHA-512 sized) hashes, so this is: the SHA-512 of
 * the raw bytes as they lie on the drive (encrypted, as shipped) of the first MiB, of each BitLocker metadata area and of
 * the relocated boot-sector area, in ascending offset, upper-case hex. It changes when anything that identifies or
 * unlocks the drive changes, and can be recomputed from the drive alone.
 */
public final class DriveHeaderHash {

    public static final long HEAD_LENGTH = 1024 * 1024;

    public record Range(long offset, long length) {
    }

    private DriveHeaderHash() {
    }

    /** The ranges hashed for a drive: its first MiB plus the given metadata areas, merged where they overlap it. */
    public static List<Range> ranges(long driveSize, List<Range> metadataAreas) {
        List<Range> ranges = new ArrayList<>();
        ranges.add(new Range(0, Math.min(HEAD_LENGTH, driveSize)));
        for (Range area : metadataAreas) {
            if (area.offset() + area.length() > HEAD_LENGTH) {
                ranges.add(area);
            }
        }
        ranges.sort(Comparator.comparingLong(Range::offset));
        return ranges;
    }

    public static String compute(VolumeReader raw, List<Range> ranges) throws IOException {
        StringJoiner joined = new StringJoiner(";");
        MessageDigest sha512 = Base16.digest("SHA-512");
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        for (Range range : ranges) {
            sha512.reset();
            long done = 0;
            while (done < range.length()) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), range.length() - done));
                raw.read(range.offset() + done, buffer);
                sha512.update(buffer.array(), 0, buffer.limit());
                done += buffer.limit();
            }
            joined.add(range.offset() + ":" + range.length() + ":" + Base16.of(sha512.digest()));
        }
        return joined.toString();
    }
}
