package io.seedship.staging.chunks;

import io.seedship.staging.md5.BlockMd5s;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The chunk writer thread: takes compressed blocks in stream order, appends each frame to the open chunk file, and
 * closes the chunk at the first frame boundary where its size reaches the target. It records the MD5 of each
 * blockBytes block of the file: as soon as {@link BlockMd5s#lanes()} blocks are complete it reads them back (from the
 * page cache, just written) and hashes them together, one per SIMD lane, which costs a fraction of hashing each frame
 * as it passes; the rest at the chunk's close.
 */
final class ChunkSink implements Runnable {

    /** How many bytes may be written to a chunk between two background syncs. */
    private static final long SYNC_EVERY = 64L << 20;

    private final long chunkTarget;
    private final int blockBytes;
    private final StagingDirectory dir;
    private final Pipeline pipeline;
    private final ChunkCloser closer;
    private final ProgressMeter meter;

    private int number;
    private long streamOffset;
    private FileChannel channel;
    private long size;
    private long streamLength;
    private long unsynced;
    private final BlockMd5s md5s;
    private long hashedTo;
    private List<String> blockMd5s;
    private ResumePoint lastEnd;

    ChunkSink(StagingOptions options, boolean hashing, StagingDirectory dir, Pipeline pipeline, ChunkCloser closer,
              ProgressMeter meter, int nextChunk, long streamOffset) {
        this.chunkTarget = options.chunkTargetBytes();
        this.blockBytes = options.blockBytes();
        this.dir = dir;
        this.pipeline = pipeline;
        this.closer = closer;
        this.meter = meter;
        this.number = nextChunk;
        this.streamOffset = streamOffset;
        this.md5s = hashing ? BlockMd5s.create(blockBytes) : null;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Object item = pipeline.inOrder.take();
                if (item instanceof Pipeline.EndMarker end) {
                    if (channel != null) {
                        closeChunk(lastEnd);
                    }
                    JournalRecord.End t = end.totals();
                    closer.finish(new JournalRecord.End(t.entries(), t.files(), t.directories(), t.symlinks(),
                            t.skipped(), t.sourceBytes(), number - 1, t.entriesLength()));
                    return;
                }
                Block block = ((Block) item).compressedFuture.get();
                ResumePoint end = block.end;
                write(block);
                pipeline.free.put(block);
                lastEnd = end;
                if (size >= chunkTarget) {
                    closeChunk(end);
                }
                meter.update(end.bytesDone(), end.filesDone(), closer.chunksWritten());
            }
        } catch (InterruptedException e) {
            abandon();
        } catch (ExecutionException e) {
            abandon();
            pipeline.fail(e.getCause());
        } catch (IOException e) {
            abandon();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            abandon();
            throw e;
        }
    }

    private void write(Block block) throws IOException {
        if (channel == null) {
            open();
        }
        ByteBuffer frame = block.compressed.duplicate();
        frame.position(0).limit(block.compressedLength);
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
        size += block.compressedLength;
        long batch = md5s == null ? 0 : (long) md5s.lanes() * blockBytes;
        while (md5s != null && size - hashedTo >= batch) {
            blockMd5s.addAll(md5s.hash(channel, hashedTo, hashedTo + batch));
            hashedTo += batch;
        }
        streamLength += block.source.limit();
        unsynced += block.compressedLength;
        if (unsynced >= SYNC_EVERY) {
            closer.requestSync(channel);
            unsynced = 0;
        }
    }

    private void open() throws IOException {
        channel = FileChannel.open(dir.chunkTemp(number), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
        size = 0;
        streamLength = 0;
        unsynced = 0;
        hashedTo = 0;
        blockMd5s = new ArrayList<>();
    }

    private void closeChunk(ResumePoint end) throws IOException, InterruptedException {
        if (md5s != null) {
            blockMd5s.addAll(md5s.hash(channel, hashedTo, size));
        }
        JournalRecord.Chunk record = new JournalRecord.Chunk(number, size, streamOffset, streamLength, end, blockMd5s);
        FileChannel closing = channel;
        channel = null;
        closer.close(closing, dir.chunkTemp(number), dir.chunk(number), record);
        streamOffset += streamLength;
        number++;
    }

    /** Leaves the unfinished chunk as a temp file: a resume deletes it. */
    private void abandon() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to lose
            }
            channel = null;
        }
    }
}
