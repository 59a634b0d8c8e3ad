package io.seedship.driveformat.manifest;

/** One block of a block blob: its place in the file and the Base16 MD5 of its bytes. */
public record ManifestBlock(long offset, long length, String md5) {

    public ManifestBlock {
        if (offset < 0 || length <= 0 || length > DriveManifest.MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("block at offset " + offset + ": length " + length
                    + " must be 1.." + DriveManifest.MAX_BLOCK_SIZE);
        }
        if (md5 == null || !md5.matches("[0-9A-F]{32}")) {
            throw new IllegalArgumentException("block at offset " + offset + ": Hash must be 32 upper-case hex digits (Base16 MD5)");
        }
    }
}
