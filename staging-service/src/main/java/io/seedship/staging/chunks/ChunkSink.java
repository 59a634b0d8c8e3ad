package io.seedship.staging.chunks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The chunk writer thread: takes compressed blocks in stream order, appends each frame to the open chunk, and closes
 * the chunk at the first frame boundary where its size reaches the target. Frames are copied into a buffer per block
 * of the chunk ({@code blockBytes}, the unit of Azure's MD5s), so a frame goes back to the compressors at once; each
 * full block is written with direct I/O where it can be ({@link ChunkFile}) and handed to the {@link ChunkHasher},
 * which hashes it from memory and gives the buffer back.
 */
final class ChunkSink implements Runnable {

    /** How many bytes may be written through the page cache between two background syncs (direct writes need none). */
    private static final long SYNC_EVERY = 64L << 20;

    private final long chunkTarget;
    private final StagingDirectory dir;
    private final Pipeline pipeline;
    private final ChunkHasher hasher;
    private final ChunkCloser closer;
    private final ProgressMeter meter;

    private final int blockBytes;
    private int number;
    private long streamOffset;
    private ChunkFile file;
    /** The block being filled, or null; it starts at {@link #blockStart} in the chunk. */
    private ByteBuffer block;
    private long blockStart;
    private long size;
    private long streamLength;
    private long unsynced;
    private boolean toldBuffered;
    private ResumePoint lastEnd;

    ChunkSink(StagingOptions options, StagingDirectory dir, Pipeline pipeline, ChunkHasher hasher, ChunkCloser closer,
              ProgressMeter meter, int nextChunk, long streamOffset) {
        this.chunkTarget = options.chunkTargetBytes();
        this.blockBytes = options.blockBytes();
        this.dir = dir;
        this.pipeline = pipeline;
        this.hasher = hasher;
        this.closer = closer;
        this.meter = meter;
        this.number = nextChunk;
        this.streamOffset = streamOffset;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Object item = pipeline.inOrder.take();
                if (item instanceof Pipeline.EndMarker end) {
                    if (file != null) {
                        closeChunk(lastEnd);
                    }
                    JournalRecord.End t = end.totals();
                    hasher.finish(new JournalRecord.End(t.entries(), t.files(), t.directories(), t.symlinks(),
                            t.skipped(), t.sourceBytes(), number - 1, t.entriesLength()));
                    return;
                }
                Frame frame = (Frame) ((CompletableFuture<?>) item).get();
                ResumePoint end = frame.end;
                write(frame);
                pipeline.freeFrames.add(frame);
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

    private void write(Frame frame) throws IOException, InterruptedException {
        if (file == null) {
            open();
        }
        ByteBuffer bytes = frame.bytes.duplicate();
        bytes.position(0).limit(frame.length);
        while (bytes.hasRemaining()) {
            if (block == null) {
                block = pipeline.take(pipeline.chunkBlocks);
            }
            int n = Math.min(bytes.remaining(), block.remaining());
            block.put(block.position(), bytes, bytes.position(), n);
            block.position(block.position() + n);
            bytes.position(bytes.position() + n);
            if (!block.hasRemaining()) {
                writeBlock();
            }
        }
        size += frame.length;
        streamLength += frame.sourceLength;
    }

    /** Writes the block buffer at its place in the chunk and hands it to the hasher. */
    private void writeBlock() throws IOException, InterruptedException {
        block.flip();
        file.write(block, blockStart);
        blockStart += block.remaining();
        unsynced += block.remaining();
        hasher.written(block);
        block = null;
        if (unsynced >= SYNC_EVERY && !file.direct()) {
            closer.requestSync(file.channel());
            unsynced = 0;
        }
    }

    private void open() throws IOException {
        file = ChunkFile.create(dir.chunkTemp(number), blockBytes);
        if (!file.direct() && ChunkFile.directWanted() && !toldBuffered) {
            toldBuffered = true;
            meter.notice("chunks are written through the page cache: the file system of " + dir.path()
                    + " refuses direct I/O, or blocks of " + blockBytes + " bytes are no multiple of its block size"
                    + " (slower, on a VM most)");
        }
        size = 0;
        blockStart = 0;
        streamLength = 0;
        unsynced = 0;
    }

    private void closeChunk(ResumePoint end) throws IOException, InterruptedException {
        if (block != null && block.position() > 0) {
            writeBlock();
        }
        // the hasher fills in the block MD5s
        JournalRecord.Chunk record = new JournalRecord.Chunk(number, size, streamOffset, streamLength, end, List.of());
        FileChannel closing = file.channel();
        file = null;
        closer.requestSync(closing); // the chunk's last bytes go to disk while the hasher hashes its last blocks
        hasher.close(closing, dir.chunkTemp(number), dir.chunk(number), record);
        streamOffset += streamLength;
        number++;
    }

    /** Leaves the unfinished chunk as a temp file: a resume deletes it. */
    private void abandon() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // nothing more to lose
            }
            file = null;
        }
    }
}
