package io.seedship.staging.chunks;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.seedship.staging.source.BackupSource;
import io.seedship.stagingformat.SourceEntry;
import io.seedship.staging.source.SourceScan;
import io.seedship.staging.source.SourceWalk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Estimates the staged size by compressing samples of the stream staging would write: {@value #SAMPLES} windows of
 * 1 MiB spread evenly over the stream of all file bytes (so big files weigh by their size and small files are sampled
 * together, as staging packs them), or the whole stream when it is at most 64 MiB. Reads at most 64 MiB.
 */
public final class StagingEstimator {

    static final int SAMPLES = 64;
    static final int WINDOW = 1 << 20;

    private final StagingOptions options;

    public StagingEstimator(StagingOptions options) {
        this.options = options;
    }

    public StagingEstimate estimate(BackupSource source) throws IOException {
        SourceScan scan = source.scan();
        long total = scan.totalBytes();
        if (total == 0) {
            return new StagingEstimate(0, scan.fileCount(), 0, 0);
        }
        boolean everything = total <= (long) SAMPLES * WINDOW;
        long windows = everything ? (total + WINDOW - 1) / WINDOW : SAMPLES;
        long spacing = everything ? WINDOW : total / SAMPLES;
        try (Sampler sampler = new Sampler(options.zstdLevel(), windows, spacing, total);
             SourceWalk walk = source.walk()) {
            long position = 0;
            for (SourceEntry e = walk.next(); e != null && !sampler.done(); e = walk.next()) {
                if (e.isFile() && e.size() > 0) {
                    sampler.take(source, e, position);
                    position += e.size();
                }
            }
            sampler.flush();
            long estimated = sampler.sampled == 0 ? total
                    : (long) Math.ceil((double) total * sampler.compressed / sampler.sampled);
            return new StagingEstimate(total, scan.fileCount(), estimated, sampler.sampled);
        }
    }

    /** Fills one window at a time from the files that overlap it, and compresses each full window as one frame. */
    private static final class Sampler implements AutoCloseable {
        private final ZstdCompressCtx ctx = new ZstdCompressCtx();
        private final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW);
        private final ByteBuffer out = ByteBuffer.allocateDirect((int) Zstd.compressBound(WINDOW));
        private final long windows;
        private final long spacing;
        private final long total;
        private long index;
        private long sampled;
        private long compressed;

        Sampler(int level, long windows, long spacing, long total) {
            ctx.setLevel(level);
            this.windows = windows;
            this.spacing = spacing;
            this.total = total;
        }

        boolean done() {
            return index >= windows;
        }

        private long start() {
            // centre each window in its share of the stream
            return index * spacing + (spacing - WINDOW) / 2;
        }

        private long end() {
            return Math.min(start() + WINDOW, total);
        }

        void take(BackupSource source, SourceEntry file, long fileStart) throws IOException {
            long fileEnd = fileStart + file.size();
            if (done() || start() >= fileEnd) {
                return;
            }
            try (ReadableByteChannel in = source.open(file)) {
                long at = 0;
                while (!done() && start() < fileEnd) {
                    long from = Math.max(start() + window.position(), fileStart);
                    long to = Math.min(end(), fileEnd);
                    at = skip(in, at, from - fileStart);
                    window.limit((int) (window.position() + (to - from)));
                    while (window.hasRemaining()) {
                        int n = in.read(window);
                        if (n < 0) {
                            break; // shorter than scanned: an estimate can live with that
                        }
                        at += n;
                    }
                    window.limit(window.capacity());
                    if (to == end()) {
                        flush();
                        index++;
                    } else {
                        break;
                    }
                }
            }
        }

        private static long skip(ReadableByteChannel in, long at, long target) throws IOException {
            if (target <= at) {
                return at;
            }
            if (in instanceof SeekableByteChannel seekable) {
                seekable.position(target);
                return target;
            }
            ByteBuffer discard = ByteBuffer.allocate(1 << 16);
            while (at < target) {
                discard.clear().limit((int) Math.min(discard.capacity(), target - at));
                int n = in.read(discard);
                if (n < 0) {
                    return target;
                }
                at += n;
            }
            return at;
        }

        void flush() {
            if (window.position() > 0) {
                int length = window.position();
                compressed += ctx.compressDirectByteBuffer(out, 0, out.capacity(), window, 0, length);
                sampled += length;
                window.clear();
            }
        }

        @Override
        public void close() {
            ctx.close();
        }
    }
}
