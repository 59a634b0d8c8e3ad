package io.seedship.driveformat.write;

import com.sun.nio.file.ExtendedOpenOption;
import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.bitlocker.Xts;
import io.seedship.driveformat.layout.ByteRange;
import io.seedship.driveformat.manifest.Base16;
import io.seedship.driveformat.manifest.DriveManifest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies source files into their clusters, each byte written once and already encrypted.
 *
 * <p>Worker threads (one per core, at most {@link #MAX_WORKERS}) each take the next block in file order, read it, hash
 * it when staging did not (MD5 of a 4 MiB block is about 5 ms of one core, the slowest step), and encrypt it into its
 * clusters' sectors; blocks are independent, so the hashing of one overlaps the next on the other core. The calling
 * thread writes the finished blocks in file order, with O_DIRECT where the drive allows it ({@link #openDirect}).
 * Every {@code syncEvery} bytes it hands a sync of the drive to a
 * syncer thread and goes on writing; only when that sync has returned are the blocks written before it handed to
 * {@link Synced} (so only then journaled), on the calling thread, when the next sync is due or at the end. One sync
 * runs at a time: the drive's write-back of one batch overlaps the copying of the next, where a writer that waited for
 * its own syncs would leave the drive idle while it fills the cache again.
 *
 * <p>Memory: 2 x workers + 2 direct buffers of 4 MiB per copy (24 MiB on 2 cores, 72 MiB with 8 workers), counted
 * against {@code -XX:MaxDirectMemorySize}, whose default is the heap's maximum.
 */
final class BlockCopier {

    static final int BLOCK = (int) DriveManifest.MAX_BLOCK_SIZE;
    static final int SECTOR = 512;
    static final int MAX_WORKERS = 8;
    /** Bytes hashed and encrypted at a time: a multiple of the cluster size, small enough for the CPU's cache. */
    static final int CHUNK = 128 * 1024;
    /**
     * What O_DIRECT needs of buffers, offsets and lengths here: the JDK asks for the block size of the file system
     * holding the path (4096 for /dev and for ext4 or XFS images), a multiple of any drive's logical sector.
     */
    static final int DIRECT_ALIGNMENT = 4096;

    private static final Logger log = LoggerFactory.getLogger(BlockCopier.class);

    /**
     * The drive opened for writing with O_DIRECT, or null where that cannot be done (a file system without it, such as
     * tmpfs; or {@code -Dseedship.drive.directIo=false}): the caller then writes through the page cache. Writing around
     * the page cache spares a copy of every byte into it and the kernel's write-back of it: with the hashes given, the
     * writer's CPU per GiB on a loop device fell from 2-3 s to about 0.6 s with this and the direct buffers. The page
     * cache is kept coherent by the kernel (it writes back and drops cached pages of a range written directly), and a
     * sync still flushes the drive's own cache.
     */
    static FileChannel openDirect(Path device) {
        if (!Boolean.parseBoolean(System.getProperty("seedship.drive.directIo", "true"))) {
            return null;
        }
        try {
            // the JDK holds O_DIRECT transfers to the block size of the file system holding the path
            long blockSize = Files.getFileStore(device).getBlockSize();
            if (blockSize <= 0 || DIRECT_ALIGNMENT % blockSize != 0) {
                log.info("{}: written through the page cache (O_DIRECT would need {}-byte alignment)", device, blockSize);
                return null;
            }
            return FileChannel.open(device, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            log.info("{}: written through the page cache (O_DIRECT refused: {})", device, e.toString());
            return null;
        }
    }

    /** A source file and what is left to write of it. */
    record Job(int fileIndex, Path source, long length, List<String> givenMd5s, ClusterMap clusters, Set<Integer> doneBlocks) {
    }

    /** A block on the drive and synced. */
    record Written(int fileIndex, int blockIndex, String md5) {
    }

    interface Synced {
        void synced(List<Written> blocks) throws IOException;
    }

    private final FileChannel device;
    private final Supplier<Xts> xts;
    private final int clusterSize;
    private final String drive;
    private final int workers;

    /** @param xts makes one encryptor per worker (Xts is not thread-safe) */
    BlockCopier(FileChannel device, String drive, Supplier<Xts> xts, int clusterSize) {
        this(device, drive, xts, clusterSize, Math.max(1, Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors())));
    }

    BlockCopier(FileChannel device, String drive, Supplier<Xts> xts, int clusterSize, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker, got " + workers);
        }
        this.device = device;
        this.drive = drive;
        this.xts = xts;
        this.clusterSize = clusterSize;
        this.workers = workers;
    }

    /** Returns the data bytes written. */
    long copy(List<Job> jobs, long syncEvery, long alreadyDone, long total, Synced synced, ProgressListener progress)
            throws IOException {
        Pipeline pipeline = new Pipeline(jobs, workers * 2 + 2);
        if (pipeline.blocks == 0) {
            return 0;
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Xts encryptor = xts.get();
            threads.add(Thread.ofPlatform().name("seedship-drive-worker-" + i).daemon()
                    .start(() -> pipeline.work(encryptor, new byte[CHUNK])));
        }
        Syncer syncer = new Syncer(synced);
        long written = 0;
        try {
            List<Written> pending = new ArrayList<>();
            long sinceSync = 0;
            for (long seq = 0; seq < pipeline.blocks; seq++) {
                SourceBlock block = pipeline.next(seq);
                Job job = jobs.get(block.job);
                int position = 0;
                for (ByteRange range : job.clusters().map((long) block.blockIndex * BLOCK, block.paddedLength)) {
                    int length = (int) range.length();
                    ByteBuffer bytes = block.buffer.slice(position, length);
                    long at = range.offset();
                    while (bytes.hasRemaining()) {
                        at += device.write(bytes, at);
                    }
                    position += length;
                }
                pending.add(new Written(block.fileIndex, block.blockIndex, block.md5));
                written += block.length;
                sinceSync += block.paddedLength;
                pipeline.release(seq);
                progress.written(alreadyDone + written, total);
                if (sinceSync >= syncEvery) {
                    syncer.start(pending);
                    pending = new ArrayList<>();
                    sinceSync = 0;
                }
            }
            syncer.finish();
            device.force(false);
            if (!pending.isEmpty()) {
                synced.synced(List.copyOf(pending));
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriveException(drive, "interrupted while writing");
        } finally {
            pipeline.cancel();
            threads.forEach(Thread::interrupt);
            syncer.close();
        }
    }

    /** Runs one sync of the drive at a time beside the writing; reports its blocks once it has returned. */
    private final class Syncer {

        private final Synced synced;
        private final ExecutorService executor = Executors.newSingleThreadExecutor(
                task -> Thread.ofPlatform().name("seedship-drive-sync").daemon().unstarted(task));
        private Future<?> running;
        private List<Written> blocks;

        Syncer(Synced synced) {
            this.synced = synced;
        }

        /** Waits for the sync before (and reports its blocks), then syncs what was written up to now. */
        void start(List<Written> written) throws IOException, InterruptedException {
            finish();
            blocks = List.copyOf(written);
            running = executor.submit(() -> {
                device.force(false);
                return null;
            });
        }

        void finish() throws IOException, InterruptedException {
            if (running == null) {
                return;
            }
            try {
                running.get();
            } catch (ExecutionException e) {
                running = null;
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException("syncing " + drive + " failed", e.getCause());
            }
            running = null;
            synced.synced(blocks);
        }

        /** Lets a sync still running end (never interrupted: that would close the drive's channel), reports nothing. */
        void close() {
            executor.shutdown();
            if (running != null) {
                boolean interrupted = Thread.interrupted();
                while (true) {
                    try {
                        running.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        break;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * The blocks to write, numbered in file order, and the buffers they pass through: block {@code n} uses buffer
     * {@code n % slots}, free once block {@code n - slots} is written. A worker takes the next number and waits for its
     * buffer; the lowest number not yet written always has its buffer, so the pipeline never stalls for good.
     */
    private final class Pipeline {

        private final List<Job> jobs;
        private final SourceBlock[] slots;
        private final FileChannel[] sources;
        private final int[] unread;
        final long blocks;

        // guarded by this
        private int jobCursor;
        private int blockCursor;
        private long claimed;
        private long released;
        private Throwable failure;
        private boolean cancelled;

        Pipeline(List<Job> jobs, int slotCount) {
            this.jobs = jobs;
            this.sources = new FileChannel[jobs.size()];
            this.unread = new int[jobs.size()];
            long count = 0;
            for (int j = 0; j < jobs.size(); j++) {
                Job job = jobs.get(j);
                int left = 0;
                for (int b = 0; b < blockCount(job); b++) {
                    if (!job.doneBlocks().contains(b)) {
                        left++;
                    }
                }
                unread[j] = left;
                count += left;
            }
            this.blocks = count;
            this.slots = new SourceBlock[(int) Math.min(slotCount, Math.max(1, count))];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new SourceBlock(BLOCK);
            }
        }

        /** A worker's loop: claim, read, hash, encrypt, hand over; until no block is left or the copy stops. */
        void work(Xts encryptor, byte[] chunk) {
            MessageDigest md5 = Base16.md5();
            try {
                while (true) {
                    SourceBlock block;
                    int job;
                    int blockIndex;
                    FileChannel source;
                    synchronized (this) {
                        if (cancelled || failure != null || !advance()) {
                            return;
                        }
                        job = jobCursor;
                        blockIndex = blockCursor++;
                        long seq = claimed++;
                        source = open(job);
                        while (seq - released >= slots.length && !cancelled && failure == null) {
                            wait();
                        }
                        if (cancelled || failure != null) {
                            return;
                        }
                        block = slots[(int) (seq % slots.length)];
                        block.seq = seq;
                        block.ready = false;
                    }
                    fill(block, jobs.get(job), job, blockIndex, source, encryptor, md5, chunk);
                    synchronized (this) {
                        if (--unread[job] == 0) {
                            sources[job].close();
                            sources[job] = null;
                        }
                        block.ready = true;
                        notifyAll();
                    }
                }
            } catch (InterruptedException | ClosedByInterruptException e) {
                // the copy stopped
            } catch (Throwable e) {
                fail(e);
            }
        }

        /** Moves the cursor to the next block to write; false when none is left. Guarded by this. */
        private boolean advance() {
            while (jobCursor < jobs.size()) {
                Job job = jobs.get(jobCursor);
                int count = blockCount(job);
                while (blockCursor < count && job.doneBlocks().contains(blockCursor)) {
                    blockCursor++;
                }
                if (blockCursor < count) {
                    return true;
                }
                jobCursor++;
                blockCursor = 0;
            }
            return false;
        }

        /** The job's source, opened by its first block. Guarded by this. */
        private FileChannel open(int job) throws IOException {
            if (sources[job] == null) {
                Job j = jobs.get(job);
                try {
                    FileChannel channel = FileChannel.open(j.source(), StandardOpenOption.READ);
                    if (channel.size() != j.length()) {
                        long size = channel.size();
                        channel.close();
                        throw new DriveException(j.source().toString(), "is " + size + " bytes where " + j.length()
                                + " were planned: it changed after planning");
                    }
                    sources[job] = channel;
                } catch (DriveException e) {
                    throw e;
                } catch (IOException e) {
                    throw new DriveException(j.source().toString(), "cannot be read: " + e.getMessage(), e);
                }
            }
            return sources[job];
        }

        /**
         * Reads the block into its direct buffer (no copy through a JDK buffer on either side), then hashes and encrypts
         * it a chunk at a time through the worker's small array, which stays in the CPU's cache: the 4 MiB cross main
         * memory once each way instead of once per step.
         */
        private void fill(SourceBlock block, Job job, int jobIndex, int blockIndex, FileChannel source, Xts encryptor,
                          MessageDigest md5, byte[] chunk) throws IOException {
            long offset = (long) blockIndex * BLOCK;
            int length = (int) Math.min(BLOCK, job.length() - offset);
            ByteBuffer buffer = block.buffer;
            try {
                readFully(source, buffer, length, offset, job.source());
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (DriveException e) {
                throw e;
            } catch (IOException e) {
                throw new DriveException(job.source().toString(), "cannot be read: " + e.getMessage(), e);
            }
            int padded = (length + clusterSize - 1) / clusterSize * clusterSize;
            for (int p = length; p < padded; p++) {
                buffer.put(p, (byte) 0);
            }
            block.job = jobIndex;
            block.fileIndex = job.fileIndex();
            block.blockIndex = blockIndex;
            block.length = length;
            block.paddedLength = padded;
            boolean hash = job.givenMd5s() == null;
            int position = 0;
            for (ByteRange range : job.clusters().map(offset, padded)) {
                long sector = range.offset() / SECTOR;
                int end = position + (int) range.length();
                while (position < end) {
                    int n = Math.min(chunk.length, end - position);
                    buffer.get(position, chunk, 0, n);
                    if (hash && position < length) {
                        md5.update(chunk, 0, Math.min(n, length - position));
                    }
                    encryptor.encrypt(chunk, 0, n, sector, SECTOR);
                    buffer.put(position, chunk, 0, n);
                    position += n;
                    sector += n / SECTOR;
                }
            }
            block.md5 = hash ? Base16.of(md5.digest()) : job.givenMd5s().get(blockIndex);
        }

        /** The block numbered {@code seq}, once a worker has finished it. */
        synchronized SourceBlock next(long seq) throws IOException, InterruptedException {
            SourceBlock block = slots[(int) (seq % slots.length)];
            while (!(block.ready && block.seq == seq) && failure == null) {
                wait();
            }
            if (failure != null) {
                throw rethrow(failure);
            }
            return block;
        }

        /** Block {@code seq} is written: its buffer may take the block {@code slots} further on. */
        synchronized void release(long seq) {
            slots[(int) (seq % slots.length)].ready = false;
            released = seq + 1;
            notifyAll();
        }

        synchronized void fail(Throwable e) {
            if (failure == null && !cancelled) {
                failure = e;
            }
            notifyAll();
        }

        synchronized void cancel() {
            cancelled = true;
            notifyAll();
            for (int i = 0; i < sources.length; i++) {
                if (sources[i] != null) {
                    try {
                        sources[i].close();
                    } catch (IOException e) {
                        // read-only, nothing to lose
                    }
                    sources[i] = null;
                }
            }
        }

        private IOException rethrow(Throwable e) {
            if (e instanceof IOException io) {
                return io;
            }
            if (e instanceof UncheckedIOException io) {
                return io.getCause();
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
            return new InterruptedIOException(e.toString());
        }
    }

    private static int blockCount(Job job) {
        return (int) ((job.length() + BLOCK - 1) / BLOCK);
    }

    private static void readFully(FileChannel source, ByteBuffer buffer, int length, long offset, Path path) throws IOException {
        ByteBuffer into = buffer.slice(0, length);
        long at = offset;
        while (into.hasRemaining()) {
            int n = source.read(into, at);
            if (n < 0) {
                throw new EOFException(path + " ended at byte " + at + ", before its planned length");
            }
            at += n;
        }
    }
}
