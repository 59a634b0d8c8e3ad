package io.seedship.staging.chunks;

import io.seedship.staging.md5.BlockMd5s;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The block MD5 thread, between the chunk writer and the closer: takes each block of a chunk from the writer once it is
 * on file, hashes them a batch at a time ({@link BlockMd5s#lanes()} blocks, as memory allows), gives their buffers
 * back to the writer, and hands each closed chunk with its MD5s on to the closer. It hashes the blocks in memory, not
 * read back from the file: the chunks bypass the page cache ({@link ChunkFile}). On a thread of its own because a batch
 * is a burst of some 20 ms: on the writer's thread it held back the blocks the compressors wait for, and the cores
 * idled.
 */
final class ChunkHasher implements Runnable {

    /** At most this many bytes of blocks wait for a batch: 16 lanes of 4 MiB. */
    private static final long BATCH_BYTES = 64L << 20;

    private sealed interface Task permits Written, Close, Finish {
    }

    private record Written(ByteBuffer block) implements Task {
    }

    private record Close(FileChannel channel, Path temp, Path target, JournalRecord.Chunk record) implements Task {
    }

    private record Finish(JournalRecord.End end) implements Task {
    }

    private final BlockingQueue<Task> tasks = new ArrayBlockingQueue<>(64);
    private final Pipeline pipeline;
    private final ChunkCloser closer;
    private final BlockMd5s md5s;
    private final int batch;

    private final List<ByteBuffer> waiting = new ArrayList<>();
    private List<String> blockMd5s = new ArrayList<>();

    /** {@code md5s} null: chunks pass through without MD5s (for measuring). */
    ChunkHasher(int blockBytes, BlockMd5s md5s, Pipeline pipeline, ChunkCloser closer) {
        this.pipeline = pipeline;
        this.closer = closer;
        this.md5s = md5s;
        this.batch = batchBlocks(blockBytes, md5s);
    }

    /** How many blocks wait to be hashed together. */
    static int batchBlocks(int blockBytes, BlockMd5s md5s) {
        return md5s == null ? 1 : (int) Math.max(1, Math.min(md5s.lanes(), BATCH_BYTES / blockBytes));
    }

    /**
     * The chunk writer's block buffers: one it fills, a batch waiting for the hasher, and two to fill while a batch is
     * hashed.
     */
    static int buffersNeeded(int blockBytes, BlockMd5s md5s) {
        return batchBlocks(blockBytes, md5s) + 3;
    }

    /** The next block of the open chunk, written; its buffer goes back to {@link Pipeline#chunkBlocks} when hashed. */
    void written(ByteBuffer block) throws InterruptedException, IOException {
        if (md5s == null) {
            pipeline.chunkBlocks.add(block.clear());
        } else {
            put(new Written(block));
        }
    }

    /** The closer gets the chunk once its last blocks are hashed; {@code record}'s MD5s are filled in here. */
    void close(FileChannel channel, Path temp, Path target, JournalRecord.Chunk record) throws InterruptedException,
            IOException {
        put(new Close(channel, temp, target, record));
    }

    void finish(JournalRecord.End end) throws InterruptedException, IOException {
        put(new Finish(end));
    }

    private void put(Task task) throws InterruptedException, IOException {
        pipeline.put(tasks, task);
    }

    @Override
    public void run() {
        try {
            while (true) {
                switch (tasks.take()) {
                    case Written w -> {
                        waiting.add(w.block);
                        if (waiting.size() == batch) {
                            hashWaiting();
                        }
                    }
                    case Close c -> {
                        hashWaiting();
                        JournalRecord.Chunk r = c.record;
                        closer.close(c.channel, c.temp, c.target, new JournalRecord.Chunk(r.chunk(), r.size(),
                                r.streamOffset(), r.streamLength(), r.resume(), List.copyOf(blockMd5s)));
                        blockMd5s = new ArrayList<>();
                    }
                    case Finish f -> {
                        closer.finish(f.end);
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            // stopped: the pipeline is shutting down
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void hashWaiting() {
        if (md5s != null) {
            blockMd5s.addAll(md5s.hash(waiting));
        }
        for (ByteBuffer block : waiting) {
            pipeline.chunkBlocks.add(block.clear());
        }
        waiting.clear();
    }
}
