package io.seedship.staging.chunks;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A pair of direct buffers that travels reader, compressor, chunk writer and back to the pool. Direct, so neither
 * the file read nor zstd nor the chunk write copies through the heap, and so the blocks in flight do not count
 * against the heap.
 */
final class Block {

    final ByteBuffer source;
    final ByteBuffer compressed;
    /** Where {@link #source}'s first byte sits in the stream of all chunks. */
    long streamOffset;
    /** Where the reader stood after this block's last byte. */
    ResumePoint end;
    int compressedLength;
    /** Completed by the compressor; the chunk writer waits on it, in block order. */
    CompletableFuture<Block> compressedFuture;

    Block(int blockBytes) {
        this(ByteBuffer.allocateDirect(blockBytes), ByteBuffer.allocateDirect((int) Zstd.compressBound(blockBytes)));
    }

    private Block(ByteBuffer source, ByteBuffer compressed) {
        this.source = source;
        this.compressed = compressed;
    }

    /** Tells a compressor to stop. */
    static Block poison() {
        return new Block(ByteBuffer.allocate(0), ByteBuffer.allocate(0));
    }
}
