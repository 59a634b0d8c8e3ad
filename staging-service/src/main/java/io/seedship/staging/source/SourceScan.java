package io.seedship.staging.source;

/**
 * Totals of a source, counted by a walk that reads no file contents.
 *
 * @param entryCount every entry, directories included
 * @param fileCount  regular files
 * @param totalBytes the sum of regular file sizes
 * @param skipped    entries that are neither files, directories nor symlinks (fifos, sockets, devices)
 */
public record SourceScan(long entryCount, long fileCount, long totalBytes, long skipped) {
}
