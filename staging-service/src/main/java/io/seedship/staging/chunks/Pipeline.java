package io.seedship.staging.chunks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The queues and pools between the reader (the calling thread), the compressors, the chunk writer, the hasher and the
 * closer, and the first failure of any of them. A failure interrupts the pipeline's own threads; the reader notices at
 * its next block.
 */
final class Pipeline {

    /** Blocks ready to be filled, and frames ready to be compressed into: their numbers bound the memory in flight. */
    final BlockingQueue<Block> free;
    final BlockingQueue<Frame> freeFrames;
    /** Buffers of a chunk's blocks, filled by the chunk writer and given back by the hasher. */
    final BlockingQueue<ByteBuffer> chunkBlocks;
    final BlockingQueue<Block> toCompress = new LinkedBlockingQueue<>();
    /** Each block's future frame in stream order, then one {@link EndMarker}: the chunk writer takes them in order. */
    final BlockingQueue<Object> inOrder = new LinkedBlockingQueue<>();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** The reader is done: the totals of the walk and where it ended. */
    record EndMarker(JournalRecord.End totals) {
    }

    Pipeline(int blocks, int frames, int chunkBlockCount, int blockBytes) {
        free = new ArrayBlockingQueue<>(blocks);
        for (int i = 0; i < blocks; i++) {
            free.add(new Block(blockBytes));
        }
        freeFrames = new ArrayBlockingQueue<>(frames);
        for (int i = 0; i < frames; i++) {
            freeFrames.add(new Frame(blockBytes));
        }
        chunkBlocks = new ArrayBlockingQueue<>(chunkBlockCount);
        for (int i = 0; i < chunkBlockCount; i++) {
            chunkBlocks.add(DirectBuffers.take(blockBytes));
        }
    }

    Thread start(String name, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                fail(t);
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return thread;
    }

    /** Records the first failure and stops the pipeline's threads. */
    void fail(Throwable t) {
        if (failure.compareAndSet(null, t)) {
            for (Thread thread : threads) {
                if (thread != Thread.currentThread()) {
                    thread.interrupt();
                }
            }
        }
    }

    boolean failed() {
        return failure.get() != null;
    }

    /** Rethrows the first failure of a pipeline thread, if any. */
    void check() throws IOException {
        Throwable t = failure.get();
        if (t == null) {
            return;
        }
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        if (t instanceof IOException io) {
            throw io;
        } else if (t instanceof RuntimeException r) {
            throw r;
        } else if (t instanceof Error e) {
            throw e;
        }
        throw new IOException("staging failed: " + t, t);
    }

    Block takeFree() throws InterruptedException, IOException {
        while (true) {
            check();
            Block block = free.poll(100, TimeUnit.MILLISECONDS);
            if (block != null) {
                return block;
            }
        }
    }

    /** Sends a filled block to be compressed and then written in order. */
    void submit(Block block) {
        block.source.flip();
        block.frame = new CompletableFuture<>();
        inOrder.add(block.frame);
        toCompress.add(block);
    }

    /** Puts into a bounded queue, failing early when another thread fails. */
    <T> void put(BlockingQueue<T> queue, T item) throws InterruptedException, IOException {
        while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
            check();
        }
    }

    /** Takes from a queue, failing early when another thread fails. */
    <T> T take(BlockingQueue<T> queue) throws InterruptedException, IOException {
        T item;
        while ((item = queue.poll(100, TimeUnit.MILLISECONDS)) == null) {
            check();
        }
        return item;
    }

    /** Waits for a pipeline thread, failing early when another thread fails. */
    void join(Thread thread) throws InterruptedException, IOException {
        while (thread.isAlive()) {
            thread.join(100);
            check();
        }
        check();
    }

    /**
     * Hands the buffers in the pools to {@link DirectBuffers} for the next pipeline, once every thread has ended (a
     * thread still running after {@link #stop()} may hold one; then they are all left to the collector).
     */
    void release() {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                return;
            }
        }
        for (Block block = free.poll(); block != null; block = free.poll()) {
            DirectBuffers.give(block.source);
        }
        for (Frame frame = freeFrames.poll(); frame != null; frame = freeFrames.poll()) {
            DirectBuffers.give(frame.bytes);
        }
        for (ByteBuffer block = chunkBlocks.poll(); block != null; block = chunkBlocks.poll()) {
            DirectBuffers.give(block);
        }
    }

    /** Stops every thread (after a failure or an interrupt) and waits for them, at most a while each. */
    void stop() {
        for (Thread thread : threads) {
            thread.interrupt();
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
