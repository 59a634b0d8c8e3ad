package io.seedship.driveformat.volume;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes of a volume, read at absolute byte offsets. Implemented over a plain image file or
 * block device ({@link FileVolume}) and over a BitLocker volume's decrypted view, so the NTFS
 * reader works the same on both.
 */
public interface VolumeReader extends Closeable {

    /** Size of the volume in bytes. */
    long size();

    /** Fills {@code dst} (from its position to its limit) with the bytes at {@code offset}; EOFException past the end. */
    void read(long offset, ByteBuffer dst) throws IOException;

    default byte[] read(long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        read(offset, ByteBuffer.wrap(bytes));
        return bytes;
    }
}
