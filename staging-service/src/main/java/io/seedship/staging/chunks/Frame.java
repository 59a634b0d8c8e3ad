package io.seedship.staging.chunks;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;

/**
 * One block compressed, on its way to the chunk writer: the zstd frame, how many source bytes it holds and where the
 * reader stood after them. Frames have a pool of their own, apart from the {@link Block}s, so that a slow block ahead
 * in stream order holds back only frames, never the reading. Direct, like the blocks.
 */
final class Frame {

    final ByteBuffer bytes;
    int length;
    int sourceLength;
    ResumePoint end;

    Frame(int blockBytes) {
        bytes = DirectBuffers.take((int) Zstd.compressBound(blockBytes));
    }
}
