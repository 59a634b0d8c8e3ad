package io.seedship.driveformat.volume;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A plain (not encrypted) image file or block device, read-only. */
public final class FileVolume implements VolumeReader {

    private final FileChannel channel;
    private final long size;

    private FileVolume(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    public static FileVolume open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            // size() of a block device is 0 through FileChannel; its end position is the size
            long size = channel.size();
            if (size == 0) {
                size = DeviceSize.of(path);
            }
            return new FileVolume(channel, size);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        long position = offset;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position);
            if (n < 0) {
                throw new EOFException("read past the end of the volume at byte " + position);
            }
            position += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
