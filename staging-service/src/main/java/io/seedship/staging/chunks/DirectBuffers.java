package io.seedship.staging.chunks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipelines' direct buffers, kept in this process for the next staging. The memory of a direct buffer goes back
 * only when the collector finds the buffer dead, and a pipeline's buffers live for a whole staging, long enough to
 * reach the old generation, which a quiet heap seldom collects: one staging after another left their dead buffers
 * (44 MiB each on two cores) to pile up towards the direct memory limit, and the compressors and the block MD5s of
 * the next staging ran some 20 % slower (measured with the serial collector, the tests' one). So a pipeline hands its
 * buffers back here when it ends and the next one takes them. At most {@link #KEEP_BYTES} are kept; a buffer beyond
 * that is left to the collector.
 */
final class DirectBuffers {

    static final long KEEP_BYTES = 512L << 20;

    /** Every buffer starts at a multiple of this, so that a chunk block can be written with direct I/O. */
    static final int ALIGNMENT = 4096;

    private static final ConcurrentMap<Integer, Queue<ByteBuffer>> FREE = new ConcurrentHashMap<>();
    private static final AtomicLong KEPT = new AtomicLong();
    private static final AtomicLong ALLOCATED = new AtomicLong();

    private DirectBuffers() {
    }

    /** A cleared, {@link #ALIGNMENT}-aligned direct buffer of {@code capacity} bytes, kept from an earlier pipeline if any. */
    static ByteBuffer take(int capacity) {
        Queue<ByteBuffer> free = FREE.get(capacity);
        ByteBuffer buffer = free == null ? null : free.poll();
        if (buffer == null) {
            ALLOCATED.incrementAndGet();
            return ByteBuffer.allocateDirect(capacity + 2 * ALIGNMENT).alignedSlice(ALIGNMENT).slice(0, capacity);
        }
        KEPT.addAndGet(-capacity);
        return buffer.clear().order(ByteOrder.BIG_ENDIAN);
    }

    /** Keeps {@code buffer} for a later {@link #take}; the caller must not touch it again. */
    static void give(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        if (!buffer.isDirect() || capacity == 0) {
            return;
        }
        if (KEPT.addAndGet(capacity) > KEEP_BYTES) {
            KEPT.addAndGet(-capacity);
            return;
        }
        FREE.computeIfAbsent(capacity, c -> new ConcurrentLinkedQueue<>()).add(buffer);
    }

    /** Bytes kept for the next pipeline. */
    static long keptBytes() {
        return KEPT.get();
    }

    /** How many direct buffers were allocated since the process started (for tests). */
    static long allocated() {
        return ALLOCATED.get();
    }
}
