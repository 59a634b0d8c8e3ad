package io.seedship.staging.chunks;

import java.nio.file.Path;

/**
 * A completed staging.
 *
 * @param manifestPath   the staging-manifest.json
 * @param manifestSha256 SHA-256 of the manifest file, lowercase hex (also in staging-manifest.json.sha256)
 * @param sourceBytes    bytes of all staged files
 * @param stagedBytes    bytes of all chunk files
 */
public record StagingResult(Path manifestPath, String manifestSha256, long sourceBytes, long stagedBytes, long fileCount,
                            int chunkCount) {
}
