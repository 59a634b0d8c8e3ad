package io.seedship.driveformat.layout;

/** A run of bytes on a drive. */
public record ByteRange(long offset, long length) {

    public long end() {
        return offset + length;
    }
}
