package io.seedship.driveformat.write;

/**
 * One block read from a source file, padded with zeros to a whole cluster, hashed and encrypted by a worker, on its way
 * to the drive. {@code seq} and {@code ready} are guarded by the copier's pipeline; the rest is filled by the worker
 * that holds the block and read by the writer after {@code ready}.
 */
final class SourceBlock {

    final byte[] buffer;
    long seq;
    boolean ready;
    int job;
    int fileIndex;
    int blockIndex;
    int length;
    int paddedLength;
    String md5;

    SourceBlock(int capacity) {
        this.buffer = new byte[capacity];
    }
}
