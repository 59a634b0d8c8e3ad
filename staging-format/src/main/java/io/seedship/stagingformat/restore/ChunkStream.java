package io.seedship.stagingformat.restore;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.seedship.stagingformat.Hex;
import io.seedship.stagingformat.ManifestChunk;
import io.seedship.stagingformat.ManifestCursor;
import io.seedship.stagingformat.ManifestException;
import io.seedship.stagingformat.StagingManifest;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The uncompressed stream of all chunks, read in order. Each chunk file's blocks are MD5-hashed as zstd reads them and
 * each block is checked against the manifest at its end (and the whole file against its MD5, in format 1); zstd checks
 * each frame's XXH64. Every chunk byte is read once.
 *
 * <p>A check can fail downstream of its cause: zstd reads ahead, so a damaged chunk byte can break a frame, or a
 * file's hash, before the block holding it has been read to its end. So any failure while a chunk is open first
 * re-checks that chunk's block MD5s ({@link #diagnose}): a block that differs from the manifest is named as the cause.
 */
final class ChunkStream implements Closeable {

    private final Path dir;
    private final ManifestCursor<ManifestChunk> chunks;
    private final int blockBytes;
    private ManifestChunk chunk;
    private BlockCheck file;
    private InputStream zstd;
    private long leftInChunk;
    private long position;
    private int chunksRead;

    ChunkStream(Path dir, ManifestCursor<ManifestChunk> chunks, int blockBytes) {
        this.dir = dir;
        this.chunks = chunks;
        this.blockBytes = blockBytes;
    }

    /** Where the next byte sits in the stream of all chunks. */
    long position() {
        return position;
    }

    int chunksRead() {
        return chunksRead;
    }

    /** Reads up to {@code len} bytes; -1 only after the last chunk. */
    int read(byte[] b, int off, int len) throws IOException {
        while (chunk == null || leftInChunk == 0) {
            if (chunk != null) {
                finishChunk();
            }
            if (!openNext()) {
                return -1;
            }
        }
        int n;
        try {
            n = zstd.read(b, off, (int) Math.min(len, leftInChunk));
        } catch (ManifestException e) {
            throw e;
        } catch (IOException e) {
            throw diagnose(frameProblem(e.getMessage()), e);
        }
        if (n < 0) {
            throw diagnose(chunk.name() + " ends after " + (chunk.streamLength() - leftInChunk)
                    + " uncompressed bytes; the manifest records " + chunk.streamLength(), null);
        }
        leftInChunk -= n;
        position += n;
        return n;
    }

    /**
     * The failure of a check downstream of the chunk file (a frame, a file's hash): names the damaged block of the open
     * chunk when there is one, else returns {@code symptom} as it is.
     */
    ManifestException diagnose(String symptom, Throwable cause) {
        String damage = null;
        if (chunk != null) {
            Path path = dir.resolve(chunk.name());
            try {
                damage = BlockCheck.firstBadBlock(path, chunk, blockBytes);
            } catch (IOException e) {
                damage = path + " cannot be read again to find the damage: " + e.getMessage();
            }
        }
        String message = damage == null ? symptom : damage + " (noticed as: " + symptom + ")";
        return cause == null ? new ManifestException(message) : new ManifestException(message, cause);
    }

    /** Checks that every chunk was read to its end and matched its MD5s. */
    void finish() throws IOException {
        if (chunk != null && leftInChunk > 0) {
            throw new ManifestException(chunk.name() + " holds " + leftInChunk + " uncompressed bytes no entry claims");
        }
        if (chunk != null) {
            finishChunk();
        }
        ManifestChunk extra = chunks.next();
        if (extra != null) {
            throw new ManifestException("the manifest lists " + extra.name() + " but no entry uses its bytes");
        }
    }

    /**
     * What zstd refused, naming the frame: zstd reads ahead and reports late, so the frames of the open chunk are
     * decoded one by one to find the first that fails.
     */
    private String frameProblem(String zstdMessage) {
        Path path = dir.resolve(chunk.name());
        try {
            String bad = FrameCheck.firstBadFrame(path, chunk.streamOffset(), blockBytes);
            if (bad != null) {
                return bad;
            }
        } catch (IOException e) {
            return path + " cannot be decompressed (" + zstdMessage + ") nor read again: " + e.getMessage();
        }
        return path + " cannot be decompressed after " + (chunk.streamLength() - leftInChunk)
                + " uncompressed bytes: " + zstdMessage;
    }

    private boolean openNext() throws IOException {
        ManifestChunk next = chunks.next();
        if (next == null) {
            return false;
        }
        if (next.streamOffset() != position) {
            throw new ManifestException(next.name() + " starts at stream offset " + next.streamOffset()
                    + " in the manifest, but the chunks before it end at " + position);
        }
        Path path = dir.resolve(next.name());
        if (!Files.exists(path)) {
            throw new ManifestException(path + " is missing");
        }
        long size = Files.size(path);
        if (size != next.size()) {
            throw new ManifestException(path + " has " + size + " bytes, the manifest records " + next.size());
        }
        if (next.blockMd5s().isEmpty() && size > 0) {
            throw new ManifestException(next.name() + " has no block MD5s in the manifest (staged with hashing"
                    + " disabled): it cannot be verified");
        }
        long blocks = (size + blockBytes - 1) / blockBytes;
        if (next.blockMd5s().size() != blocks) {
            throw new ManifestException(next.name() + " has " + blocks + " blocks of " + blockBytes + " bytes, the"
                    + " manifest lists " + next.blockMd5s().size() + " block MD5s");
        }
        chunk = next;
        file = new BlockCheck(new BufferedInputStream(Files.newInputStream(path), 1 << 20), path, next, blockBytes);
        zstd = new ZstdInputStreamNoFinalizer(file);
        leftInChunk = next.streamLength();
        return true;
    }

    private void finishChunk() throws IOException {
        try {
            if (zstd.read() >= 0) {
                throw diagnose(chunk.name() + " holds more than the " + chunk.streamLength()
                        + " uncompressed bytes the manifest records", null);
            }
            byte[] rest = new byte[1 << 16];
            while (file.read(rest) >= 0) {
                // hash whatever zstd did not need to read, so the MD5s cover the whole file
            }
            file.checkEnd();
        } catch (ManifestException e) {
            throw e;
        } catch (IOException e) {
            throw diagnose(frameProblem(e.getMessage()), e);
        } finally {
            zstd.close();
        }
        chunksRead++;
        chunk = null;
    }

    @Override
    public void close() throws IOException {
        try {
            if (zstd != null) {
                zstd.close();
            }
        } finally {
            chunks.close();
        }
    }

    /**
     * A chunk file as read: the MD5 of each block, checked at the block's end, and in format 1 the whole file's MD5.
     */
    static final class BlockCheck extends FilterInputStream {

        private final Path path;
        private final ManifestChunk chunk;
        private final int blockBytes;
        private final MessageDigest block = StagingManifest.md5();
        private final MessageDigest whole;
        private long offset;
        private int index;

        BlockCheck(InputStream in, Path path, ManifestChunk chunk, int blockBytes) {
            super(in);
            this.path = path;
            this.chunk = chunk;
            this.blockBytes = blockBytes;
            this.whole = chunk.md5() == null ? null : StagingManifest.md5();
        }

        /** The first block of the chunk file whose MD5 differs from the manifest's, described; null if none. */
        static String firstBadBlock(Path path, ManifestChunk chunk, int blockBytes) throws IOException {
            try (BlockCheck check = new BlockCheck(new BufferedInputStream(Files.newInputStream(path), 1 << 20), path,
                    chunk, blockBytes)) {
                byte[] buffer = new byte[1 << 16];
                while (check.read(buffer) >= 0) {
                    // each block is checked at its end
                }
                check.checkEnd();
                return null;
            } catch (ManifestException e) {
                return e.getMessage();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            if (whole != null) {
                whole.update(b, off, n);
            }
            int done = 0;
            while (done < n) {
                int take = (int) Math.min(n - done, blockBytes - offset % blockBytes);
                block.update(b, off + done, take);
                done += take;
                offset += take;
                if (offset % blockBytes == 0) {
                    checkBlock();
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** After the last byte: the last (short) block, and the whole file's MD5 where the manifest has one. */
        void checkEnd() throws ManifestException {
            if (offset % blockBytes != 0) {
                checkBlock();
            }
            if (whole != null) {
                String actual = Hex.of(whole.digest());
                if (!actual.equals(chunk.md5())) {
                    throw new ManifestException(path + " has MD5 " + actual + ", the manifest records " + chunk.md5());
                }
            }
        }

        private void checkBlock() throws ManifestException {
            long start = (long) index * blockBytes;
            String actual = Hex.of(block.digest());
            String recorded = index < chunk.blockMd5s().size() ? chunk.blockMd5s().get(index) : null;
            if (!actual.equalsIgnoreCase(String.valueOf(recorded))) {
                throw new ManifestException(path + " block " + index + " (bytes " + start + " to " + offset
                        + ") has MD5 " + actual + ", the manifest records " + recorded + ": the chunk file was altered"
                        + " or damaged after staging");
            }
            index++;
        }
    }
}
