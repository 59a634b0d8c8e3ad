package io.seedship.driveformat.manifest;

import java.util.List;

/**
 * The {@code DriveManifest} (version 2014-11-01) the Import/Export service reads from each drive: which file becomes which
 * block blob, block by block with each block's MD5. Storage keys and SAS tokens, which the format allows, are never written.
 */
public record DriveManifest(String driveId, String clientCreator, List<ManifestBlob> blobs) {

    public static final String VERSION = "2014-11-01";
    /** Azure's largest block in a manifest. */
    public static final long MAX_BLOCK_SIZE = 4L * 1024 * 1024;

    public DriveManifest {
        if (driveId == null || driveId.isBlank()) {
            throw new IllegalArgumentException("DriveId must not be blank");
        }
        blobs = List.copyOf(blobs);
    }

    public long dataBytes() {
        return blobs.stream().mapToLong(ManifestBlob::length).sum();
    }
}
