package io.seedship.driveformat.write;

/** One block read from a source file, padded with zeros to a whole cluster, on its way to the drive. */
final class SourceBlock {

    final byte[] buffer;
    int fileIndex;
    int blockIndex;
    int length;
    int paddedLength;
    String md5;
    boolean encrypted;

    SourceBlock(int capacity) {
        this.buffer = new byte[capacity];
    }
}
