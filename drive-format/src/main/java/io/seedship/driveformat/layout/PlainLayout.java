package io.seedship.driveformat.layout;

import java.util.List;

/**
 * A drive formatted, its files created and their clusters reserved, still in plaintext.
 *
 * @param files             the planned files, in plan order
 * @param manifest          the preallocated manifest file
 * @param metadataAreas     the three 64 KiB areas reserved for BitLocker's metadata
 * @param bootBackupArea    the 8 KiB area reserved for the relocated boot sectors
 * @param plaintextMetadata everything NTFS wrote that must be encrypted in place (sectors 0-15 excluded: they move)
 */
public record PlainLayout(long driveSize, int clusterSize, List<PlacedFile> files, PlacedFile manifest,
                          List<ByteRange> metadataAreas, ByteRange bootBackupArea, List<ByteRange> plaintextMetadata) {

    public long plaintextMetadataBytes() {
        return plaintextMetadata.stream().mapToLong(ByteRange::length).sum();
    }
}
