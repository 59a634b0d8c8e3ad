package io.seedship.stagingformat;

/**
 * Everything in the manifest before the chunk and entry lists.
 *
 * @param source           the source's description ("directory /data/share")
 * @param chunkTargetBytes a chunk closes at the first block boundary where its compressed size reaches this
 * @param zstdLevel        the zstd level of every frame
 * @param blockBytes       the uncompressed size of each zstd frame, and the size of the blocks whose MD5s are listed
 * @param fileHash         the hash each file entry carries (format 1: always SHA-256)
 */
public record ManifestHeader(int formatVersion, String source, long chunkTargetBytes, int zstdLevel, int blockBytes,
                             FileHash fileHash, ManifestTotals totals) {
}
