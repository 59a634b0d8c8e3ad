package io.seedship.stagingformat.restore;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Decodes a chunk file frame by frame, each frame on its own with its XXH64 checked, to name the first frame zstd
 * refuses. Only on the failure path: a verify that passes never comes here.
 */
final class FrameCheck {

    private FrameCheck() {
    }

    /** The first frame that does not decode to blockBytes bytes (the last may be shorter) with a good checksum. */
    static String firstBadFrame(Path chunk, long streamOffset, int blockBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(chunk); ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
            long size = channel.size();
            long window = Math.min(Integer.MAX_VALUE, Zstd.compressBound(blockBytes));
            ByteBuffer out = ByteBuffer.allocateDirect(blockBytes);
            long offset = 0;
            for (int frame = 0; offset < size; frame++) {
                long streamStart = streamOffset + (long) frame * blockBytes;
                String where = chunk + " frame " + frame + " (compressed bytes from " + offset + ", stream bytes "
                        + streamStart + " to " + (streamStart + blockBytes) + " at most)";
                // a window as large as any frame can be: chunks may exceed what one mapping can hold
                MappedByteBuffer in = channel.map(FileChannel.MapMode.READ_ONLY, offset, Math.min(window, size - offset));
                long length;
                try {
                    length = Zstd.findDirectByteBufferFrameCompressedSize(in, 0, in.limit());
                } catch (ZstdException e) {
                    return where + " is not a zstd frame: " + e.getMessage();
                }
                if (Zstd.isError(length)) {
                    return where + " is not a zstd frame: " + Zstd.getErrorName(length);
                }
                try {
                    out.clear();
                    int n = ctx.decompressDirectByteBuffer(out, 0, blockBytes, in, 0, (int) length);
                    if (n != blockBytes && offset + length < size) {
                        return where + " decodes to " + n + " bytes, not " + blockBytes;
                    }
                } catch (ZstdException e) {
                    return where + " fails zstd's checks: " + e.getMessage();
                }
                offset += length;
            }
            return null;
        }
    }
}
