package io.seedship.staging.chunks;

import com.github.luben.zstd.ZstdCompressCtx;

/**
 * A compression thread: one reusable zstd context, each block compressed as an independent frame, so blocks compress
 * in parallel and their frames concatenate into a valid zstd stream. The frames carry their content size and a
 * checksum, so {@code zstd -d} and the restorer check each frame.
 */
final class BlockCompressor implements Runnable {

    private final Pipeline pipeline;
    private final int level;

    BlockCompressor(Pipeline pipeline, int level) {
        this.pipeline = pipeline;
        this.level = level;
    }

    @Override
    public void run() {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(level);
            ctx.setChecksum(true);
            ctx.setContentSize(true);
            while (true) {
                Block block = pipeline.toCompress.take();
                if (block.source.capacity() == 0) {
                    return;
                }
                try {
                    block.compressedLength = ctx.compressDirectByteBuffer(block.compressed, 0,
                            block.compressed.capacity(), block.source, 0, block.source.limit());
                    block.compressedFuture.complete(block);
                } catch (RuntimeException e) {
                    block.compressedFuture.completeExceptionally(e);
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            // stopped: the pipeline is shutting down
        }
    }
}
