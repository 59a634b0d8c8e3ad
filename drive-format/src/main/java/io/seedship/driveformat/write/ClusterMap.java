package io.seedship.driveformat.write;

import io.seedship.driveformat.layout.ByteRange;
import io.seedship.driveformat.ntfs.Extent;
import java.util.ArrayList;
import java.util.List;

/** Where a range of a file's bytes lies on the drive, through the file's extents. */
final class ClusterMap {

    private final List<Extent> extents;
    private final int clusterSize;

    ClusterMap(List<Extent> extents, int clusterSize) {
        this.extents = extents;
        this.clusterSize = clusterSize;
    }

    /** The drive ranges holding file bytes [offset, offset + length), in file order. */
    List<ByteRange> map(long offset, long length) {
        List<ByteRange> ranges = new ArrayList<>();
        long position = offset;
        long end = offset + length;
        for (Extent extent : extents) {
            long extentStart = extent.vcn() * clusterSize;
            long extentEnd = extentStart + extent.clusters() * clusterSize;
            if (extentEnd <= position || extentStart >= end) {
                continue;
            }
            long from = Math.max(position, extentStart);
            long to = Math.min(end, extentEnd);
            ranges.add(new ByteRange(extent.lcn() * clusterSize + (from - extentStart), to - from));
            position = to;
        }
        if (position != end) {
            throw new IllegalStateException("bytes " + position + ".." + end + " of the file have no clusters");
        }
        return ranges;
    }
}
