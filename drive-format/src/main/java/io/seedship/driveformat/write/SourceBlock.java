package io.seedship.driveformat.write;

import java.nio.ByteBuffer;

/**
 * One block read from a source file, padded with zeros to a whole cluster, hashed and encrypted by a worker, on its way
 * to the drive. {@code seq} and {@code ready} are guarded by the copier's pipeline; the rest is filled by the worker
 * that holds the block and read by the writer after {@code ready}.
 */
final class SourceBlock {

    /**
     * Direct, so that neither the read nor the write copies it through a temporary buffer of the JDK, and aligned for
     * O_DIRECT writes.
     */
    final ByteBuffer buffer;
    long seq;
    boolean ready;
    int job;
    int fileIndex;
    int blockIndex;
    int length;
    int paddedLength;
    String md5;

    SourceBlock(int capacity) {
        this.buffer = ByteBuffer.allocateDirect(capacity + BlockCopier.DIRECT_ALIGNMENT).alignedSlice(BlockCopier.DIRECT_ALIGNMENT)
                .limit(capacity).slice();
    }
}
