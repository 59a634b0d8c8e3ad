package io.seedship.driveformat.ntfs;

import java.util.List;

/**
 * A file or directory of an NTFS volume, as its MFT records describe it.
 *
 * <p>Sizes and extents are those of the unnamed {@code $DATA} attribute. A resident {@code $DATA}
 * (stored inside the MFT record) has no extents and all three sizes equal its length; a record
 * without {@code $DATA} (a directory) reads as resident and empty. {@code initializedSize} is NTFS's
 * valid data length: bytes from there to {@code dataSize} read as zeros whatever the clusters hold.
 *
 * @param recordNumber MFT record number of the base record
 * @param path Windows style full path, "\" for the root
 * @param extents runs of the unnamed {@code $DATA} in VCN order, across attribute-list extension records
 */
public record NtfsFile(long recordNumber, String path, boolean directory, long dataSize, long allocatedSize,
        long initializedSize, boolean resident, List<Extent> extents) {

    public NtfsFile {
        extents = List.copyOf(extents);
    }

    /** The last path component ("\" for the root). */
    public String name() {
        int slash = path.lastIndexOf('\\');
        return path.length() == 1 ? path : path.substring(slash + 1);
    }
}
