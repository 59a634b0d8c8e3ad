package io.seedship.driveformat.ntfs;

/**
 * One run of a non-resident attribute: {@code clusters} clusters starting at virtual cluster {@code vcn}
 * of the stream, stored at logical cluster {@code lcn} of the volume, or {@code lcn == -1} for a sparse
 * run (reads as zeros, no clusters on disk).
 */
public record Extent(long vcn, long lcn, long clusters) {

    public static final long SPARSE = -1;

    public boolean sparse() {
        return lcn == SPARSE;
    }
}
