package io.seedship.staging.md5;

import io.seedship.stagingformat.Hex;
import io.seedship.stagingformat.StagingManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The MD5 of each fixed-size block of a file, the Hash Azure's drive manifest wants per block. MD5 runs at about 750
 * MB/s on one core and cannot go faster on one message; where the Vector API is present (the JVM started with
 * {@code --add-modules jdk.incubator.vector}) it hashes {@link #lanes()} blocks at once, one per SIMD lane, at about
 * three times the speed on AVX-512 and twice on AVX2: hand it that many full blocks at a time. The blocks come from
 * buffers (the chunk writer's) or from a file (a check of a chunk on disk); either way a stripe of 64 KiB of every
 * lane's block at a time is copied into an array the lanes gather from. Not thread-safe.
 */
public final class BlockMd5s {

    /** {@code -Dseedship.staging.md5-lanes=1}: hash one block at a time even where lanes are available. */
    public static final String LANES_PROPERTY = "seedship.staging.md5-lanes";

    private static final int STRIPE = 64 * 1024;
    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private final int blockBytes;
    private final VectorMd5 vector;
    private final int[] words;
    private final int[] index;

    private BlockMd5s(int blockBytes, VectorMd5 vector) {
        if (blockBytes <= 0) {
            throw new IllegalArgumentException("blockBytes must be positive, not " + blockBytes);
        }
        this.blockBytes = blockBytes;
        this.vector = vector;
        int lanes = vector == null ? 0 : vector.lanes();
        this.words = new int[lanes * (STRIPE / 4)];
        this.index = new int[lanes];
        for (int l = 0; l < lanes; l++) {
            index[l] = l * (STRIPE / 4);
        }
    }

    /** The fastest available here: lanes when jdk.incubator.vector is in the boot layer, else one block at a time. */
    public static BlockMd5s create(int blockBytes) {
        boolean forcedScalar = "1".equals(System.getProperty(LANES_PROPERTY));
        // blocks hashed in 64-byte steps need a length of whole steps; other sizes take the scalar path
        if (VECTOR_API && !forcedScalar && blockBytes % 64 == 0) {
            VectorMd5 vector = new VectorMd5();
            if (vector.lanes() >= 4) {
                return new BlockMd5s(blockBytes, vector);
            }
        }
        return scalar(blockBytes);
    }

    /** One block at a time with MessageDigest (the JDK's MD5 intrinsic). */
    public static BlockMd5s scalar(int blockBytes) {
        return new BlockMd5s(blockBytes, null);
    }

    /** How many blocks are hashed at once; callers that hand over this many full blocks at a time get the full speed. */
    public int lanes() {
        return vector == null ? 1 : vector.lanes();
    }

    /** For the log. */
    public String description() {
        if (vector != null) {
            return vector.lanes() + " lanes (jdk.incubator.vector, " + VectorMd5.shape() + ")";
        }
        return VECTOR_API ? "1 lane (" + LANES_PROPERTY + "=1, or a block size that is not a multiple of 64)"
                : "1 lane (start the JVM with --add-modules jdk.incubator.vector for 8 to 16)";
    }

    /**
     * Lowercase-hex MD5 of each block, in order: each buffer's remaining bytes are one block, {@code blockBytes} long but
     * for the last, which may be shorter. The buffers are left as they were.
     */
    public List<String> hash(List<ByteBuffer> blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            int length = blocks.get(i).remaining();
            if (length > blockBytes || length < blockBytes && i < blocks.size() - 1) {
                throw new IllegalArgumentException("block " + i + " holds " + length + " bytes: every block must hold "
                        + blockBytes + " but the last, which may hold fewer");
            }
        }
        IntBuffer[] ints = new IntBuffer[blocks.size()];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = blocks.get(i).slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        }
        try {
            return hash(blocks.size(), blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).remaining(), new Source() {
                @Override
                public void words(int block, int offset, int length, int[] into, int at) {
                    ints[block].get(offset / 4, into, at, length / 4);
                }

                @Override
                public void update(int block, MessageDigest md5) {
                    md5.update(blocks.get(block).duplicate());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // buffers do no I/O
        }
    }

    /**
     * Lowercase-hex MD5 of each block of {@code [from, to)} of the file: {@code from} is a multiple of the block size,
     * every block is {@code blockBytes} long but the last, which may be shorter. Reads a stripe of every lane's block at
     * a time, so it holds no more than {@code lanes x 64 KiB} whatever the block size. The channel's position is
     * untouched.
     *
     * @throws IOException when the file ends before {@code to}
     */
    public List<String> hash(FileChannel file, long from, long to) throws IOException {
        if (from % blockBytes != 0 || to < from) {
            throw new IllegalArgumentException("the range [" + from + ", " + to + ") must start at a block boundary ("
                    + blockBytes + " bytes) and not end before it");
        }
        int count = (int) ((to - from + blockBytes - 1) / blockBytes);
        int last = (int) (to - from - (long) (count - 1) * blockBytes);
        ByteBuffer stripe = ByteBuffer.allocateDirect(STRIPE).order(ByteOrder.LITTLE_ENDIAN);
        return hash(count, count == 0 ? 0 : last, new Source() {
            @Override
            public void words(int block, int offset, int length, int[] into, int at) throws IOException {
                read(file, stripe, from + (long) block * blockBytes + offset, length);
                stripe.asIntBuffer().get(into, at, length / 4);
            }

            @Override
            public void update(int block, MessageDigest md5) throws IOException {
                long start = from + (long) block * blockBytes;
                long end = Math.min(to, start + blockBytes);
                for (long at = start; at < end; ) {
                    int length = (int) Math.min(STRIPE, end - at);
                    read(file, stripe, at, length);
                    md5.update(stripe);
                    at += length;
                }
            }
        });
    }

    /** Where the blocks' bytes come from: buffers, or a file read a stripe at a time. */
    private interface Source {

        /** Copies {@code length} bytes from {@code offset} of a block, as little-endian words, into {@code into}. */
        void words(int block, int offset, int length, int[] into, int at) throws IOException;

        /** Feeds a whole block to {@code md5}. */
        void update(int block, MessageDigest md5) throws IOException;
    }

    /** {@code count} blocks, all full but the last, which holds {@code lastLength} bytes. */
    private List<String> hash(int count, int lastLength, Source source) throws IOException {
        List<String> md5s = new ArrayList<>(count);
        int at = 0;
        if (vector != null) {
            int lanes = vector.lanes();
            int full = lastLength == blockBytes ? count : count - 1;
            while (full > at) {
                int batch = Math.min(lanes, full - at);
                if (batch * 4 < lanes) {
                    break; // a few blocks hash faster one by one than a whole vector of lanes
                }
                hashLanes(source, at, batch, md5s);
                at += batch;
            }
        }
        for (; at < count; at++) {
            MessageDigest md5 = StagingManifest.md5();
            source.update(at, md5);
            md5s.add(Hex.of(md5.digest()));
        }
        return md5s;
    }

    /** {@code count} full blocks from {@code first}; lanes beyond them repeat the last block and are ignored. */
    private void hashLanes(Source source, int first, int count, List<String> md5s) throws IOException {
        int lanes = vector.lanes();
        vector.reset();
        for (int offset = 0; offset < blockBytes; offset += STRIPE) {
            int length = Math.min(STRIPE, blockBytes - offset);
            for (int l = 0; l < lanes; l++) {
                source.words(first + Math.min(l, count - 1), offset, length, words, index[l]);
            }
            vector.compress(words, index, length / 64);
        }
        // MD5's padding for a message of whole 64-byte steps: one more step, 0x80, zeros, the length in bits
        long bits = (long) blockBytes * 8;
        for (int l = 0; l < lanes; l++) {
            java.util.Arrays.fill(words, index[l], index[l] + 16, 0);
            words[index[l]] = 0x80;
            words[index[l] + 14] = (int) bits;
            words[index[l] + 15] = (int) (bits >>> 32);
        }
        vector.compress(words, index, 1);
        byte[] digest = new byte[16];
        ByteBuffer out = ByteBuffer.wrap(digest).order(ByteOrder.LITTLE_ENDIAN);
        for (int l = 0; l < count; l++) {
            out.clear();
            for (int w = 0; w < 4; w++) {
                out.putInt(vector.word(l, w));
            }
            md5s.add(Hex.of(digest));
        }
    }

    /** Fills {@code stripe} with {@code length} bytes from {@code at}, ready to be read. */
    private static void read(FileChannel file, ByteBuffer stripe, long at, int length) throws IOException {
        stripe.clear().limit(length);
        while (stripe.hasRemaining()) {
            if (file.read(stripe, at + stripe.position()) < 0) {
                throw new IOException("the file ends at byte " + (at + stripe.position()) + ", before the block range"
                        + " to hash, which reaches " + (at + length));
            }
        }
        stripe.flip();
    }
}
