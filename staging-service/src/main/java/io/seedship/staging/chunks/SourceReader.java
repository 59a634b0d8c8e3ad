package io.seedship.staging.chunks;

import io.seedship.stagingformat.FileHash;
import io.seedship.stagingformat.ManifestEntry;
import io.seedship.staging.source.BackupSource;
import io.seedship.stagingformat.SourceEntry;
import io.seedship.staging.source.SourceWalk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The reading side, on the calling thread: walks the source, reads every file into blocks (hashing it with the file
 * hash as it is read, while the bytes are still in cache), appends each finished entry to the entries file, and hands
 * full blocks to the pipeline with the point it has reached.
 */
final class SourceReader {

    /** The most read at once: the file hash reads the piece just read while it is still in the core's cache. */
    private static final int READ_PIECE = 256 * 1024;

    private final BackupSource source;
    private final Pipeline pipeline;
    private final EntriesFile entries;
    private final ResumePoint from;
    private final FileHash fileHash;

    private Block block;
    private long stream;
    private long index;
    private long files;
    private long directories;
    private long symlinks;
    private long skipped;
    private ByteBuffer scratch;

    /** {@code fileHash} null: no hashing (for measuring). */
    SourceReader(BackupSource source, Pipeline pipeline, EntriesFile entries, ResumePoint from, FileHash fileHash) {
        this.source = source;
        this.pipeline = pipeline;
        this.entries = entries;
        this.from = from;
        this.fileHash = fileHash;
        this.stream = from.bytesDone();
    }

    /** Reads everything after the resume point, then tells the chunk writer the totals of the whole walk. */
    void run() throws IOException, InterruptedException {
        try (SourceWalk walk = source.walk()) {
            for (SourceEntry e = walk.next(); e != null; e = walk.next(), index++) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("staging interrupted while reading " + e.path());
                }
                count(e);
                if (index < from.entry()) {
                    continue; // staged before the interruption; the resume check found it unchanged
                }
                if (e.isFile()) {
                    long offset = index == from.entry() ? from.offset() : 0;
                    read(e, offset);
                    files++;
                } else {
                    entries.append(ManifestEntry.of(e, null, 0));
                }
            }
        }
        ResumePoint end = new ResumePoint(index, 0, null, 0, null, entries.flush(), stream, files);
        if (block != null && block.source.position() > 0) {
            handOff(end);
        }
        pipeline.inOrder.add(new Pipeline.EndMarker(new JournalRecord.End(index, files, directories, symlinks, skipped,
                stream, 0, end.entriesLength())));
    }

    private void count(SourceEntry e) {
        switch (e.kind()) {
            case FILE -> {
                if (index < from.entry()) {
                    files++;
                }
            }
            case DIRECTORY -> directories++;
            case SYMLINK -> symlinks++;
            case OTHER -> skipped++;
        }
    }

    /** Reads a file from {@code offset} (after re-hashing the bytes before it, already in kept chunks). */
    private void read(SourceEntry e, long offset) throws IOException, InterruptedException {
        FileHash.Hasher hasher = fileHash == null ? null : fileHash.newHasher();
        long fileStart = stream - offset;
        long done;
        try (ReadableByteChannel in = source.open(e)) {
            done = offset > 0 ? rehash(e, in, offset, hasher) : 0;
            while (done < e.size()) {
                if (block == null) {
                    block = pipeline.takeFree();
                    block.source.clear();
                    block.streamOffset = stream;
                }
                ByteBuffer buffer = block.source;
                int start = buffer.position();
                buffer.limit((int) Math.min(Math.min(buffer.capacity(), start + READ_PIECE), start + (e.size() - done)));
                int n = in.read(buffer);
                buffer.limit(buffer.capacity());
                if (n < 0) {
                    throw new SourceChangedException(e.path(), "it shrank from " + e.size() + " to " + done + " bytes");
                }
                if (hasher != null && n > 0) {
                    hasher.update(buffer.slice(start, n));
                }
                done += n;
                stream += n;
                if (!buffer.hasRemaining()) {
                    handOff(new ResumePoint(index, done, e.path(), e.size(), e.mtime().toString(), entries.flush(),
                            stream, files));
                }
            }
        }
        SourceEntry now = source.stat(e);
        if (now == null) {
            throw new SourceChangedException(e.path(), "it was deleted");
        }
        if (!e.sameContentStamp(now)) {
            throw new SourceChangedException(e.path(), "it changed (size " + e.size() + " -> " + now.size() + ", mtime "
                    + e.mtime() + " -> " + now.mtime() + ")");
        }
        entries.append(ManifestEntry.of(e, hasher == null ? null : hasher.digest(), fileStart));
    }

    /** The first bytes of a file that straddles the resume point are in kept chunks: only their hash is needed. */
    private long rehash(SourceEntry e, ReadableByteChannel in, long offset, FileHash.Hasher hasher) throws IOException {
        if (scratch == null) {
            scratch = ByteBuffer.allocateDirect(1 << 20);
        }
        long done = 0;
        while (done < offset) {
            scratch.clear().limit((int) Math.min(scratch.capacity(), offset - done));
            int n = in.read(scratch);
            if (n < 0) {
                throw new SourceChangedException(e.path(), "it shrank below the " + offset + " bytes already staged");
            }
            if (hasher != null) {
                hasher.update(scratch.flip());
            }
            done += n;
        }
        return done;
    }

    private void handOff(ResumePoint point) {
        block.end = point;
        pipeline.submit(block);
        block = null;
    }
}
