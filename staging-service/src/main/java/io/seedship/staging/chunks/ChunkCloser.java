package io.seedship.staging.chunks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes chunks durable off the writing thread, in order: sync the chunk, rename it into place, sync the directory,
 * sync the entries file, then journal the chunk. A chunk is journaled only when all of that holds, so a journaled
 * chunk survives a crash or a power loss. Between closes it also syncs the open chunk now and then, so the sync at
 * its close is short.
 */
final class ChunkCloser implements Runnable {

    private sealed interface Task permits Sync, Close, Finish {
    }

    private record Sync(FileChannel channel) implements Task {
    }

    private record Close(FileChannel channel, Path temp, Path target, JournalRecord.Chunk record) implements Task {
    }

    private record Finish(JournalRecord.End end) implements Task {
    }

    private final BlockingQueue<Task> tasks = new ArrayBlockingQueue<>(4);
    private final Pipeline pipeline;
    private final StagingDirectory dir;
    private final Journal journal;
    private final EntriesFile entries;
    private final AtomicInteger chunksWritten;
    private volatile JournalRecord.End finished;

    ChunkCloser(Pipeline pipeline, StagingDirectory dir, Journal journal, EntriesFile entries, int chunksKept) {
        this.pipeline = pipeline;
        this.dir = dir;
        this.journal = journal;
        this.entries = entries;
        this.chunksWritten = new AtomicInteger(chunksKept);
    }

    int chunksWritten() {
        return chunksWritten.get();
    }

    /** The end record journaled, once done. */
    JournalRecord.End finished() {
        return finished;
    }

    /** Asks for a background sync of the open chunk; skipped when the closer is busy. */
    void requestSync(FileChannel channel) {
        tasks.offer(new Sync(channel));
    }

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
                Task task = tasks.take();
                switch (task) {
                    case Sync s -> {
                        try {
                            s.channel.force(false);
                        } catch (ClosedChannelException e) {
                            // the chunk closed meanwhile; its close syncs it
                        }
                    }
                    case Close c -> {
                        c.channel.force(false);
                        c.channel.close();
                        dir.commit(c.temp, c.target);
                        entries.force();
                        journal.append(c.record);
                        chunksWritten.incrementAndGet();
                    }
                    case Finish f -> {
                        entries.force();
                        journal.append(f.end);
                        finished = f.end;
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
}
