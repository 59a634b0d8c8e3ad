package io.seedship.stagingformat;

/**
 * A run of a file's bytes inside one chunk.
 *
 * @param chunk  the chunk number (1 for chunk-000001.zst)
 * @param offset where the run starts in that chunk's uncompressed stream
 * @param length bytes in the run
 */
public record Segment(int chunk, long offset, long length) {
}
