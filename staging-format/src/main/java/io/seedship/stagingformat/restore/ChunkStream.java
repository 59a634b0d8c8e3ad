package io.seedship.stagingformat.restore;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.seedship.stagingformat.Hex;
import io.seedship.stagingformat.ManifestChunk;
import io.seedship.stagingformat.ManifestCursor;
import io.seedship.stagingformat.ManifestException;
import io.seedship.stagingformat.StagingManifest;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * The uncompressed stream of all chunks, read in order. Each chunk's file is MD5-hashed as it is decompressed and
 * checked against the manifest when its last byte has been read, so every chunk byte is read once.
 */
final class ChunkStream implements Closeable {

    private final Path dir;
    private final ManifestCursor<ManifestChunk> chunks;
    private ManifestChunk chunk;
    private MessageDigest md5;
    private InputStream file;
    private InputStream zstd;
    private long leftInChunk;
    private long position;
    private int chunksRead;

    ChunkStream(Path dir, ManifestCursor<ManifestChunk> chunks) {
        this.dir = dir;
        this.chunks = chunks;
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
        } catch (IOException e) {
            throw new ManifestException(chunk.name() + " cannot be decompressed after "
                    + (chunk.streamLength() - leftInChunk) + " uncompressed bytes: " + e.getMessage(), e);
        }
        if (n < 0) {
            throw new ManifestException(chunk.name() + " ends after " + (chunk.streamLength() - leftInChunk)
                    + " uncompressed bytes; the manifest records " + chunk.streamLength());
        }
        leftInChunk -= n;
        position += n;
        return n;
    }

    /** Checks that every chunk was read to its end and matched its MD5. */
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
        if (next.md5() == null) {
            throw new ManifestException(next.name() + " has no MD5 in the manifest (staged with hashing disabled):"
                    + " it cannot be verified");
        }
        chunk = next;
        md5 = StagingManifest.md5();
        file = new DigestInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 20), md5);
        zstd = new ZstdInputStreamNoFinalizer(file);
        leftInChunk = next.streamLength();
        return true;
    }

    private void finishChunk() throws IOException {
        try {
            if (zstd.read() >= 0) {
                throw new ManifestException(chunk.name() + " holds more than the " + chunk.streamLength()
                        + " uncompressed bytes the manifest records");
            }
            byte[] rest = new byte[1 << 16];
            while (file.read(rest) >= 0) {
                // hash whatever zstd did not need to read, so the MD5 covers the whole file
            }
        } catch (ManifestException e) {
            throw e;
        } catch (IOException e) {
            throw new ManifestException(chunk.name() + " cannot be decompressed: " + e.getMessage(), e);
        } finally {
            zstd.close();
        }
        String actual = Hex.of(md5.digest());
        if (!actual.equals(chunk.md5())) {
            throw new ManifestException(chunk.name() + " has MD5 " + actual + ", the manifest records " + chunk.md5());
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
}
