package io.seedship.driveformat.ntfs;

import io.seedship.driveformat.volume.VolumeReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** Reads attribute streams from the volume through their runlists. */
final class StreamReader {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final VolumeReader volume;
    private final long clusterSize;

    StreamReader(VolumeReader volume, int clusterSize) {
        this.volume = volume;
        this.clusterSize = clusterSize;
    }

    /** Bytes of a stream, resident or not; EOFException past its data size. */
    void read(DataStream s, long recordNumber, String what, long offset, ByteBuffer dst) throws IOException {
        if (offset + dst.remaining() > s.dataSize()) {
            throw new EOFException("MFT record " + recordNumber + ": reading " + what + " past its " + s.dataSize()
                    + " bytes");
        }
        if (s.resident()) {
            dst.put(s.value(), (int) offset, dst.remaining());
        } else {
            readRuns(s.extents(), s.initializedSize(), recordNumber, what, offset, dst);
        }
    }

    /** Stream bytes through a runlist: zeros in sparse runs and at/after the initialized size. */
    void readRuns(List<Extent> extents, long initializedSize, long recordNumber, String what, long offset,
            ByteBuffer dst) throws IOException {
        long pos = offset;
        while (dst.hasRemaining()) {
            if (pos >= initializedSize) {
                zero(dst, dst.remaining());
                return;
            }
            int index = extentIndex(extents, pos / clusterSize);
            if (index < 0) {
                throw NtfsException.record(recordNumber, what + ": VCN " + pos / clusterSize
                        + " is not mapped by its runlist");
            }
            Extent e = extents.get(index);
            long end = Math.min((e.vcn() + e.clusters()) * clusterSize, initializedSize);
            int n = (int) Math.min(dst.remaining(), end - pos);
            if (e.sparse()) {
                zero(dst, n);
            } else {
                volume.read(e.lcn() * clusterSize + (pos - e.vcn() * clusterSize), dst.slice(dst.position(), n));
                dst.position(dst.position() + n);
            }
            pos += n;
        }
    }

    /** Index of the extent holding {@code vcn}, or -1 (extents are in VCN order). */
    static int extentIndex(List<Extent> extents, long vcn) {
        int lo = 0;
        int hi = extents.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Extent e = extents.get(mid);
            if (vcn < e.vcn()) {
                hi = mid - 1;
            } else if (vcn >= e.vcn() + e.clusters()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static void zero(ByteBuffer dst, int n) {
        if (dst.hasArray()) {
            int at = dst.arrayOffset() + dst.position();
            Arrays.fill(dst.array(), at, at + n, (byte) 0);
            dst.position(dst.position() + n);
            return;
        }
        for (int left = n; left > 0; ) {
            int k = Math.min(left, ZEROS.length);
            dst.put(ZEROS, 0, k);
            left -= k;
        }
    }
}
