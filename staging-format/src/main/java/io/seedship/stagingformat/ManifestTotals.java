package io.seedship.stagingformat;

/**
 * Totals of a staging.
 *
 * @param sourceBytes the bytes of all staged files (the uncompressed stream)
 * @param stagedBytes the bytes of all chunk files
 */
public record ManifestTotals(long entries, long files, long directories, long symlinks, long skipped, long sourceBytes,
                             long stagedBytes, int chunks) {
}
