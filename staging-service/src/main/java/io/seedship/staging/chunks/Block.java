package io.seedship.staging.chunks;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A source buffer that travels reader, compressor and back to the pool: the compressor returns it as soon as its
 * bytes are in a {@link Frame}, so the reader refills it while the frame waits its turn to be written. Direct, so
 * neither the file read nor zstd copies through the heap, and the blocks do not count against the heap.
 */
final class Block {

    final ByteBuffer source;
    /** Where {@link #source}'s first byte sits in the stream of all chunks. */
    long streamOffset;
    /** Where the reader stood after this block's last byte. */
    ResumePoint end;
    /** Completed by the compressor with this block's frame; the chunk writer waits on these in block order. */
    CompletableFuture<Frame> frame;

    Block(int blockBytes) {
        this(DirectBuffers.take(blockBytes));
    }

    private Block(ByteBuffer source) {
        this.source = source;
    }

    /** Tells a compressor to stop. */
    static Block poison() {
        return new Block(ByteBuffer.allocate(0));
    }
}
