package io.seedship.staging.chunks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The chunk writer thread: takes compressed blocks in stream order, appends each frame to the open chunk file, and
 * closes the chunk at the first frame boundary where its size reaches the target. The {@link ChunkHasher} follows it
 * to compute the block MD5s; this thread only writes, so a frame goes back to the compressors as soon as it is on file.
 */
final class ChunkSink implements Runnable {

    /** How many bytes may be written to a chunk between two background syncs. */
    private static final long SYNC_EVERY = 64L << 20;

    private final long chunkTarget;
    private final StagingDirectory dir;
    private final Pipeline pipeline;
    private final ChunkHasher hasher;
    private final ChunkCloser closer;
    private final ProgressMeter meter;

    private int number;
    private long streamOffset;
    private FileChannel channel;
    private long size;
    private long streamLength;
    private long unsynced;
    private ResumePoint lastEnd;

    ChunkSink(StagingOptions options, StagingDirectory dir, Pipeline pipeline, ChunkHasher hasher, ChunkCloser closer,
              ProgressMeter meter, int nextChunk, long streamOffset) {
        this.chunkTarget = options.chunkTargetBytes();
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
                    if (channel != null) {
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
        if (channel == null) {
            open();
        }
        ByteBuffer bytes = frame.bytes.duplicate();
        bytes.position(0).limit(frame.length);
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        size += frame.length;
        hasher.written(channel, size);
        streamLength += frame.sourceLength;
        unsynced += frame.length;
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
    }

    private void closeChunk(ResumePoint end) throws IOException, InterruptedException {
        // the hasher fills in the block MD5s
        JournalRecord.Chunk record = new JournalRecord.Chunk(number, size, streamOffset, streamLength, end, List.of());
        FileChannel closing = channel;
        channel = null;
        closer.requestSync(closing); // the chunk's last bytes go to disk while the hasher hashes its last blocks
        hasher.close(closing, dir.chunkTemp(number), dir.chunk(number), record);
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
