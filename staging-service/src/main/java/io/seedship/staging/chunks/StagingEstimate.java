package io.seedship.staging.chunks;

/**
 * What a staging will take, before writing it.
 *
 * @param sourceBytes          bytes of all files
 * @param estimatedStagedBytes the chunk bytes expected, from compressing samples at the configured level
 * @param sampledBytes         how many source bytes were compressed to estimate (all of them for small sources)
 */
public record StagingEstimate(long sourceBytes, long fileCount, long estimatedStagedBytes, long sampledBytes) {

    /** Estimated staged bytes per source byte. */
    public double ratio() {
        return sourceBytes == 0 ? 1 : (double) estimatedStagedBytes / sourceBytes;
    }
}
