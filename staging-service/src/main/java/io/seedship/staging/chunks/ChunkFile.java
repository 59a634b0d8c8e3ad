package io.seedship.staging.chunks;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A chunk file being written, one block of {@code blockBytes} at a time, with direct I/O (O_DIRECT) where the file
 * system takes it. A chunk is written once and read again only when it is copied to a drive, so the page cache gains
 * nothing from holding it, and filling the cache costs more than the write: the kernel copies every byte into pages it
 * must first find, and on a VM whose balloon reports free pages to the host, each of those pages is a fault in the host
 * the first time it is touched again. Measured with dd on this project's 2-core VM, 256 MiB into the page cache took
 * 0.08 s of system CPU on pages just freed and 0.6 s a few seconds later; with O_DIRECT, 0.05 s. The chunk writer's
 * thread cost 0.2 to 0.9 CPU s per GiB of source through the cache.
 *
 * <p>Direct writes need the buffer, the file position and the length aligned to the file system's block size: the
 * buffers from {@link DirectBuffers} are, every block but a chunk's last is a whole multiple, and the last is written
 * padded with zeros, then the file is cut back to its length. {@code -Dseedship.staging.direct-io=false} writes through
 * the page cache instead; so does a file system that refuses O_DIRECT or has larger blocks.
 */
final class ChunkFile implements AutoCloseable {

    static final String DIRECT_IO_PROPERTY = "seedship.staging.direct-io";

    private static final OpenOption[] OPTIONS = {StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING};

    private final FileChannel channel;
    private final int alignment;

    private ChunkFile(FileChannel channel, int alignment) {
        this.channel = channel;
        this.alignment = alignment;
    }

    /** Creates or truncates {@code path}, with direct I/O if its file system can take {@code blockBytes} blocks so. */
    static ChunkFile create(Path path, int blockBytes) throws IOException {
        int alignment = directAlignment(path.getParent(), blockBytes);
        if (alignment > 0) {
            try {
                OpenOption[] direct = Arrays.copyOf(OPTIONS, OPTIONS.length + 1);
                direct[OPTIONS.length] = ExtendedOpenOption.DIRECT;
                return new ChunkFile(FileChannel.open(path, direct), alignment);
            } catch (UnsupportedOperationException | IOException e) {
                // tmpfs before Linux 6.6, some FUSE and network file systems: through the page cache then
            }
        }
        return new ChunkFile(FileChannel.open(path, OPTIONS), 0);
    }

    /** False when {@link #DIRECT_IO_PROPERTY} turns direct I/O off. */
    static boolean directWanted() {
        return !"false".equals(System.getProperty(DIRECT_IO_PROPERTY));
    }

    /** The block size direct writes must align to, or 0 where they are off or cannot work with these blocks. */
    private static int directAlignment(Path dir, int blockBytes) throws IOException {
        if (!directWanted()) {
            return 0;
        }
        long size = Files.getFileStore(dir).getBlockSize();
        boolean fits = size > 0 && size <= DirectBuffers.ALIGNMENT && Long.bitCount(size) == 1
                && blockBytes % size == 0;
        return fits ? (int) size : 0;
    }

    boolean direct() {
        return alignment > 0;
    }

    FileChannel channel() {
        return channel;
    }

    /**
     * Writes {@code block}'s remaining bytes at {@code position}, a multiple of the block size; {@code block} is left as
     * it was. Only the chunk's last block may be shorter than a block: the file ends with it.
     */
    void write(ByteBuffer block, long position) throws IOException {
        int length = block.remaining();
        ByteBuffer out = block.duplicate();
        int padded = alignment == 0 ? length : (length + alignment - 1) / alignment * alignment;
        if (padded > length) {
            out.position(block.limit()).limit(block.position() + padded);
            while (out.hasRemaining()) {
                out.put((byte) 0);
            }
            out.position(block.position());
        }
        for (long at = position; out.hasRemaining(); ) {
            at += channel.write(out, at);
        }
        if (padded > length) {
            channel.truncate(position + length);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
