package io.seedship.driveformat.write;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.bitlocker.Xts;
import io.seedship.driveformat.layout.ByteRange;
import io.seedship.driveformat.manifest.Base16;
import io.seedship.driveformat.manifest.DriveManifest;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies source files into their clusters, each byte written once and already encrypted: one thread reads, and either
 * hashes (when staging did not) or encrypts; the calling thread writes, and encrypts what the reader did not, so both
 * cores share the work. Every {@code syncEvery} bytes the
 * drive is synced and the blocks written since are handed to {@link Synced}: only then may they be journaled.
 */
final class BlockCopier {

    static final int BLOCK = (int) DriveManifest.MAX_BLOCK_SIZE;
    static final int SECTOR = 512;
    private static final int IN_FLIGHT = 4;

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
    private final Xts readerXts;
    private final Xts writerXts;
    private final int clusterSize;
    private final String drive;

    /** Two encryptors of the same key: Xts is not thread-safe and either thread may encrypt. */
    BlockCopier(FileChannel device, String drive, Xts readerXts, Xts writerXts, int clusterSize) {
        this.device = device;
        this.drive = drive;
        this.readerXts = readerXts;
        this.writerXts = writerXts;
        this.clusterSize = clusterSize;
    }

    /** Returns the data bytes written. */
    long copy(List<Job> jobs, long syncEvery, long alreadyDone, long total, Synced synced, ProgressListener progress)
            throws IOException {
        BlockingQueue<SourceBlock> free = new ArrayBlockingQueue<>(IN_FLIGHT);
        BlockingQueue<Object> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
        for (int i = 0; i < IN_FLIGHT; i++) {
            free.add(new SourceBlock(BLOCK));
        }
        Thread reader = Thread.ofPlatform().name("seedship-drive-reader").daemon().start(() -> read(jobs, free, full));
        Map<Integer, Job> byIndex = new HashMap<>();
        jobs.forEach(job -> byIndex.put(job.fileIndex(), job));
        List<Written> pending = new ArrayList<>();
        long written = 0;
        long sinceSync = 0;
        try {
            while (true) {
                Object item = full.take();
                if (item instanceof IOException e) {
                    throw e;
                }
                if (item instanceof RuntimeException e) {
                    throw e;
                }
                if (item == END) {
                    break;
                }
                SourceBlock block = (SourceBlock) item;
                Job job = byIndex.get(block.fileIndex);
                long offset = (long) block.blockIndex * BLOCK;
                if (!block.encrypted) {
                    encrypt(writerXts, job, block, offset);
                }
                int position = 0;
                for (ByteRange range : job.clusters().map(offset, block.paddedLength)) {
                    int length = (int) range.length();
                    ByteBuffer bytes = ByteBuffer.wrap(block.buffer, position, length);
                    long at = range.offset();
                    while (bytes.hasRemaining()) {
                        at += device.write(bytes, at);
                    }
                    position += length;
                }
                pending.add(new Written(block.fileIndex, block.blockIndex, block.md5));
                written += block.length;
                sinceSync += block.paddedLength;
                free.put(block);
                progress.written(alreadyDone + written, total);
                if (sinceSync >= syncEvery) {
                    device.force(false);
                    synced.synced(List.copyOf(pending));
                    pending.clear();
                    sinceSync = 0;
                }
            }
            device.force(false);
            if (!pending.isEmpty()) {
                synced.synced(List.copyOf(pending));
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriveException(drive, "interrupted while writing");
        } finally {
            reader.interrupt();
        }
    }

    private static final Object END = new Object();

    private static void encrypt(Xts xts, Job job, SourceBlock block, long offset) {
        int position = 0;
        for (ByteRange range : job.clusters().map(offset, block.paddedLength)) {
            xts.encrypt(block.buffer, position, (int) range.length(), range.offset() / SECTOR, SECTOR);
            position += (int) range.length();
        }
    }

    private void read(List<Job> jobs, BlockingQueue<SourceBlock> free, BlockingQueue<Object> full) {
        try {
            MessageDigest md5 = Base16.md5();
            for (Job job : jobs) {
                int blocks = (int) ((job.length() + BLOCK - 1) / BLOCK);
                if (job.doneBlocks().size() == blocks) {
                    continue;
                }
                try (FileChannel source = FileChannel.open(job.source(), StandardOpenOption.READ)) {
                    if (source.size() != job.length()) {
                        throw new DriveException(job.source().toString(), "is " + source.size() + " bytes where "
                                + job.length() + " were planned: it changed after planning");
                    }
                    for (int b = 0; b < blocks; b++) {
                        if (job.doneBlocks().contains(b)) {
                            continue;
                        }
                        SourceBlock block = free.take();
                        long offset = (long) b * BLOCK;
                        int length = (int) Math.min(BLOCK, job.length() - offset);
                        readFully(source, block.buffer, length, offset, job.source());
                        int padded = (length + clusterSize - 1) / clusterSize * clusterSize;
                        Arrays.fill(block.buffer, length, padded, (byte) 0);
                        block.fileIndex = job.fileIndex();
                        block.blockIndex = b;
                        block.length = length;
                        block.paddedLength = padded;
                        if (job.givenMd5s() != null) {
                            block.md5 = job.givenMd5s().get(b);
                        } else {
                            md5.update(block.buffer, 0, length);
                            block.md5 = Base16.of(md5.digest());
                        }
                        // with the hashes given this thread is idle enough to encrypt too, keeping the writer on the
                        // drive; when it hashes, the writer encrypts so that both cores share the work
                        block.encrypted = job.givenMd5s() != null;
                        if (block.encrypted) {
                            encrypt(readerXts, job, block, offset);
                        }
                        full.put(block);
                    }
                } catch (IOException e) {
                    throw e instanceof DriveException ? e
                            : new DriveException(job.source().toString(), "cannot be read: " + e.getMessage(), e);
                }
            }
            full.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            full.clear();
            full.offer(e);
        }
    }

    private static void readFully(FileChannel source, byte[] buffer, int length, long offset, Path path) throws IOException {
        ByteBuffer into = ByteBuffer.wrap(buffer, 0, length);
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
