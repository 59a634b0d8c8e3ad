package io.seedship.staging.chunks;

import io.seedship.stagingformat.Hex;
import io.seedship.stagingformat.StagingManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The chunk writer thread: takes compressed blocks in stream order, appends each frame to the open chunk file,
 * hashes the compressed bytes as they go out (the chunk's MD5 and the MD5 of each blockBytes block of the file), and
 * closes the chunk at the first frame boundary where its size reaches the target.
 */
final class ChunkSink implements Runnable {

    /** How many bytes may be written to a chunk between two background syncs. */
    private static final long SYNC_EVERY = 64L << 20;

    private final long chunkTarget;
    private final int blockBytes;
    private final boolean hashing;
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
    private MessageDigest chunkMd5;
    private MessageDigest blockMd5;
    private long inBlock;
    private List<String> blockMd5s;
    private ResumePoint lastEnd;

    ChunkSink(StagingOptions options, boolean hashing, StagingDirectory dir, Pipeline pipeline, ChunkCloser closer,
              ProgressMeter meter, int nextChunk, long streamOffset) {
        this.chunkTarget = options.chunkTargetBytes();
        this.blockBytes = options.blockBytes();
        this.hashing = hashing;
        this.dir = dir;
        this.pipeline = pipeline;
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
        if (hashing) {
            chunkMd5.update(frame.duplicate());
            hashBlocks(frame.duplicate());
        }
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
        size += block.compressedLength;
        streamLength += block.source.limit();
        unsynced += block.compressedLength;
        if (unsynced >= SYNC_EVERY) {
            closer.requestSync(channel);
            unsynced = 0;
        }
    }

    /** Feeds the frame to the MD5 of the chunk-file block it falls in, finishing each block at its boundary. */
    private void hashBlocks(ByteBuffer frame) {
        while (frame.hasRemaining()) {
            int take = (int) Math.min(frame.remaining(), blockBytes - inBlock);
            blockMd5.update(frame.slice(frame.position(), take));
            frame.position(frame.position() + take);
            inBlock += take;
            if (inBlock == blockBytes) {
                blockMd5s.add(Hex.of(blockMd5.digest()));
                inBlock = 0;
            }
        }
    }

    private void open() throws IOException {
        channel = FileChannel.open(dir.chunkTemp(number), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        size = 0;
        streamLength = 0;
        unsynced = 0;
        inBlock = 0;
        blockMd5s = new ArrayList<>();
        if (hashing) {
            chunkMd5 = StagingManifest.md5();
            blockMd5 = StagingManifest.md5();
        }
    }

    private void closeChunk(ResumePoint end) throws IOException, InterruptedException {
        String md5 = null;
        if (hashing) {
            if (inBlock > 0) {
                blockMd5s.add(Hex.of(blockMd5.digest()));
            }
            md5 = Hex.of(chunkMd5.digest());
        }
        JournalRecord.Chunk record = new JournalRecord.Chunk(number, size, md5, streamOffset, streamLength, end,
                blockMd5s);
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
