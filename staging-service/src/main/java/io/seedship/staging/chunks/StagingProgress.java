package io.seedship.staging.chunks;

/**
 * A progress report.
 *
 * @param bytesDone      source bytes compressed and written to chunk files
 * @param bytesTotal     source bytes of the whole staging (from the scan; the final report gives the bytes staged)
 * @param chunksWritten  chunk files completed and journaled
 * @param bytesPerSecond source bytes per second over the last half minute or so
 * @param finished       true for the last report of a successful write
 */
public record StagingProgress(long bytesDone, long bytesTotal, long filesDone, long filesTotal, int chunksWritten,
                              double bytesPerSecond, boolean finished) {
}
