package io.seedship.driveformat.manifest;

import java.util.List;

/**
 * A file on the drive and the block blob Azure makes of it.
 *
 * @param blobPath          "/container/name", as the blob will be named in the storage account
 * @param filePath          the file on the drive, Windows style from the volume root ("\name")
 * @param importDisposition what Azure does when the blob exists: rename, no-overwrite or overwrite
 */
public record ManifestBlob(String blobPath, String filePath, long length, String importDisposition, List<ManifestBlock> blocks) {

    public ManifestBlob {
        blocks = List.copyOf(blocks);
        long expected = 0;
        for (ManifestBlock block : blocks) {
            if (block.offset() != expected) {
                throw new IllegalArgumentException(blobPath + ": blocks must cover the file in order without gaps; block at "
                        + block.offset() + " where " + expected + " was expected");
            }
            expected += block.length();
        }
        if (expected != length) {
            throw new IllegalArgumentException(blobPath + ": blocks cover " + expected + " bytes of a " + length + "-byte file");
        }
    }
}
