package io.seedship.staging.chunks;

import io.seedship.staging.md5.BlockMd5s;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The block MD5 thread, between the chunk writer and the closer: reads each chunk back (from the page cache, just
 * written) as the writer appends to it, hashes every {@code blockBytes} block, {@link BlockMd5s#lanes()} at a time,
 * and hands each closed chunk with its MD5s on to the closer. On a thread of its own because a batch of lanes is a
 * burst of some 30 ms: on the writer's thread it held back the blocks the compressors wait for, and the cores idled.
 * Its queue bounds how far it may fall behind the writer.
 */
final class ChunkHasher implements Runnable {

    private sealed interface Task permits Written, Close, Finish {
    }

    /** The chunk on {@code channel} now holds {@code size} bytes. */
    private record Written(FileChannel channel, long size) implements Task {
    }

    private record Close(FileChannel channel, Path temp, Path target, JournalRecord.Chunk record) implements Task {
    }

    private record Finish(JournalRecord.End end) implements Task {
    }

    private final BlockingQueue<Task> tasks = new ArrayBlockingQueue<>(64);
    private final Pipeline pipeline;
    private final ChunkCloser closer;
    private final BlockMd5s md5s;
    private final long batch;

    private FileChannel channel;
    private long hashedTo;
    private List<String> blockMd5s = new ArrayList<>();

    /** {@code hashing} false: chunks pass through without MD5s (for measuring). */
    ChunkHasher(int blockBytes, boolean hashing, Pipeline pipeline, ChunkCloser closer) {
        this.pipeline = pipeline;
        this.closer = closer;
        this.md5s = hashing ? BlockMd5s.create(blockBytes) : null;
        this.batch = md5s == null ? 0 : (long) md5s.lanes() * blockBytes;
    }

    void written(FileChannel channel, long size) throws InterruptedException, IOException {
        if (md5s != null) {
            put(new Written(channel, size));
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
                        follow(w.channel);
                        while (w.size - hashedTo >= batch) {
                            hash(hashedTo + batch);
                        }
                    }
                    case Close c -> {
                        follow(c.channel);
                        if (md5s != null) {
                            hash(c.record.size());
                        }
                        JournalRecord.Chunk r = c.record;
                        closer.close(c.channel, c.temp, c.target, new JournalRecord.Chunk(r.chunk(), r.size(),
                                r.streamOffset(), r.streamLength(), r.resume(), List.copyOf(blockMd5s)));
                        channel = null;
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

    private void follow(FileChannel next) {
        if (next != channel) {
            channel = next;
            hashedTo = 0;
            blockMd5s = new ArrayList<>();
        }
    }

    private void hash(long to) throws IOException {
        blockMd5s.addAll(md5s.hash(channel, hashedTo, to));
        hashedTo = to;
    }
}
