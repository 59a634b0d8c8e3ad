package io.seedship.driveformat.ntfs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A file's $DATA attribute put together from its attribute records: one resident value, or the
 * non-resident extents of all its pieces in VCN order with the sizes from the lowest-VCN piece.
 *
 * @param headRecord MFT record holding the resident value or the lowest-VCN piece (where the sizes live)
 * @param flags attribute flags of the head piece (compressed, encrypted, sparse)
 */
record DataStream(long headRecord, boolean resident, byte[] value, long dataSize, long allocatedSize,
        long initializedSize, int flags, List<Extent> extents) {

    /** The stream named {@code name} ("" = unnamed) of {@code type}; absent = resident and empty. */
    static DataStream of(long baseRecord, List<Attribute> attributes, int type, String name, int clusterSize,
            long totalClusters) throws NtfsException {
        List<Attribute> pieces = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.type() == type && a.name().equals(name)) {
                pieces.add(a);
            }
        }
        String what = describe(type, name);
        if (pieces.isEmpty()) {
            return new DataStream(baseRecord, true, new byte[0], 0, 0, 0, 0, List.of());
        }
        if (pieces.stream().anyMatch(a -> !a.nonResident())) {
            if (pieces.size() != 1) {
                throw NtfsException.record(baseRecord, what + " has a resident piece among " + pieces.size());
            }
            Attribute a = pieces.getFirst();
            long n = a.value().length;
            return new DataStream(a.recordNumber(), true, a.value(), n, n, n, a.flags(), List.of());
        }
        pieces.sort(Comparator.comparingLong(Attribute::lowestVcn));
        Attribute head = pieces.getFirst();
        List<Extent> extents = new ArrayList<>();
        long nextVcn = 0;
        for (Attribute piece : pieces) {
            if (piece.lowestVcn() != nextVcn) {
                throw NtfsException.record(baseRecord, what + " piece in record " + piece.recordNumber()
                        + " starts at VCN " + piece.lowestVcn() + ", expected " + nextVcn);
            }
            for (Extent e : piece.runs()) {
                if (!e.sparse() && e.lcn() + e.clusters() > totalClusters) {
                    throw NtfsException.record(piece.recordNumber(), what + " run at VCN " + e.vcn() + " (LCN "
                            + e.lcn() + ", " + e.clusters() + " clusters) ends past the volume's " + totalClusters
                            + " clusters");
                }
                extents.add(e);
                nextVcn = e.vcn() + e.clusters();
            }
        }
        long mapped = nextVcn > Long.MAX_VALUE / clusterSize ? -1 : nextVcn * clusterSize;
        if (head.allocatedSize() != mapped || head.dataSize() > head.allocatedSize()) {
            throw NtfsException.record(baseRecord, what + " runs map " + nextVcn + " clusters but the sizes are: allocated "
                    + head.allocatedSize() + ", data " + head.dataSize());
        }
        return new DataStream(head.recordNumber(), false, null, head.dataSize(), head.allocatedSize(),
                head.initializedSize(), head.flags(), List.copyOf(extents));
    }

    /** Why the bytes cannot be read as a plain stream, or null. */
    String unsupported() {
        if ((flags & Attribute.FLAG_COMPRESSION_MASK) != 0) {
            return "$DATA is compressed (not supported)";
        }
        if ((flags & Attribute.FLAG_ENCRYPTED) != 0) {
            return "$DATA is EFS-encrypted (not supported)";
        }
        return null;
    }

    static String describe(int type, String name) {
        String t = switch (type) {
            case Attribute.DATA -> "$DATA";
            case Attribute.ATTRIBUTE_LIST -> "$ATTRIBUTE_LIST";
            default -> "attribute 0x" + Integer.toHexString(type);
        };
        return name.isEmpty() ? t : t + ":" + name;
    }
}
