package io.seedship.staging.chunks;

import com.github.luben.zstd.ZstdCompressCtx;
import java.util.concurrent.CompletableFuture;

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
                // the frame first: a compressor that took a block always has somewhere to put it, so the block the
                // chunk writer waits for is never stuck behind frames that wait for it
                Frame frame = pipeline.freeFrames.take();
                Block block = pipeline.toCompress.take();
                if (block.source.capacity() == 0) {
                    pipeline.freeFrames.add(frame); // for the next pipeline (Pipeline.release)
                    return;
                }
                CompletableFuture<Frame> done = block.frame;
                try {
                    frame.length = ctx.compressDirectByteBuffer(frame.bytes, 0, frame.bytes.capacity(), block.source,
                            0, block.source.limit());
                    frame.sourceLength = block.source.limit();
                    frame.end = block.end;
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                    throw e;
                }
                pipeline.free.add(block);
                done.complete(frame);
            }
        } catch (InterruptedException e) {
            // stopped: the pipeline is shutting down
        }
    }
}
