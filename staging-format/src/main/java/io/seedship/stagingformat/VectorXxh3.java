package io.seedship.stagingformat;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * XXH3-128 (seed 0, the default secret) with its long-input accumulation on SIMD lanes, as xxHash's own AVX2 and
 * AVX-512 code does it: the same digests as hash4j at several times its speed on the staging's hot path. Inputs of
 * up to 240 bytes, which XXH3 hashes by other rules, go to hash4j. Loaded only when jdk.incubator.vector is in the
 * boot layer and the vectors hold at least 2 longs (see {@link FileHash}). Not thread-safe.
 *
 * <p>The stream: every 64-byte stripe that is not the input's last is accumulated as soon as a byte after it has
 * arrived; the last stripe (the input's last 64 bytes, which may overlap stripes already accumulated) is accumulated
 * at the digest with its own key, so the bytes are buffered until then.
 */
final class VectorXxh3 implements FileHash.Hasher {

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, LONGS.vectorShape());
    private static final int LANES = LONGS.length();
    /** Swaps the longs of each pair: acc[i ^ 1] += input[i]. */
    private static final VectorShuffle<Long> SWAP = VectorShuffle.fromOp(LONGS, i -> i ^ 1);

    private static final int STRIPE = 64;
    private static final int STRIPES_PER_BLOCK = 16;
    private static final int MID_SIZE_MAX = 240;
    private static final int CAPACITY = 16 * 1024;
    private static final long PRIME32_1 = 0x9E3779B1L;
    private static final long PRIME64_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME64_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long[] INIT_ACC = {0xC2B2AE3DL, PRIME64_1, PRIME64_2, 0x165667B19E3779F9L,
        0x85EBCA77C2B2AE63L, 0x85EBCA77L, 0x27D4EB2F165667C5L, PRIME32_1};
    private static final byte[] SECRET = bytes(
            "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221"
            + "b8084674f743248ee03590e6813a264c3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
            + "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364eac5ac8334d3ebc3c581a0fffa1363eb"
            + "170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e");
    /** The secret read as longs: stripe {@code n} of a block uses the 8 from long {@code n}, the scramble longs 16-23. */
    private static final long[] KEYS = longsAt(0, 24);
    /** The last stripe's key: the secret's 64 bytes that end 7 bytes before its last 64. */
    private static final long[] LAST_KEY = longsAt(SECRET.length - STRIPE - 7, 8);
    private static final int SCRAMBLE_KEY = 16;

    private final long[] acc = INIT_ACC.clone();
    private byte[] buffer = new byte[MID_SIZE_MAX + 16];
    private int filled;
    private long total;
    private int stripesInBlock;

    static boolean usable() {
        return LANES >= 2 && 8 % LANES == 0;
    }

    static String shape() {
        return LONGS.vectorBitSize() + "-bit";
    }

    @Override
    public void update(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            int n = Math.min(bytes.remaining(), room());
            bytes.get(buffer, filled, n);
            added(n);
        }
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, room());
            System.arraycopy(bytes, offset, buffer, filled, n);
            added(n);
            offset += n;
            length -= n;
        }
    }

    private int room() {
        if (filled == buffer.length && buffer.length < CAPACITY) {
            buffer = java.util.Arrays.copyOf(buffer, CAPACITY); // past the short-input sizes: the full buffer
        }
        return buffer.length - filled;
    }

    private void added(int n) {
        filled += n;
        total += n;
        if (filled == CAPACITY) {
            // every stripe but the one that holds the buffer's last byte, which may be the input's last
            int stripes = (filled - 1) / STRIPE;
            consume(stripes);
            int kept = filled - stripes * STRIPE;
            System.arraycopy(buffer, stripes * STRIPE, buffer, 0, kept);
            filled = kept;
        }
    }

    @Override
    public FileDigest digest() {
        long high;
        long low;
        if (total <= MID_SIZE_MAX) {
            HashValue128 v = Hashing.xxh3_128().hashBytesTo128Bits(buffer, 0, filled);
            high = v.getMostSignificantBits();
            low = v.getLeastSignificantBits();
        } else {
            // past the first buffer, at least one stripe is kept, so the input's last 64 bytes are here
            consume((filled - 1) / STRIPE);
            accumulate(filled - STRIPE, LAST_KEY, 0, 1);
            low = merge(11, total * PRIME64_1);
            high = merge(SECRET.length - STRIPE - 11, ~(total * PRIME64_2));
        }
        return FileHash.xxh3Digest(high, low);
    }

    /** Accumulates the buffer's first {@code stripes} stripes, scrambling after each block's last. */
    private void consume(int stripes) {
        int done = 0;
        while (done < stripes) {
            int n = Math.min(stripes - done, STRIPES_PER_BLOCK - stripesInBlock);
            accumulate(done * STRIPE, KEYS, stripesInBlock, n);
            done += n;
            stripesInBlock += n;
            if (stripesInBlock == STRIPES_PER_BLOCK) {
                scramble();
                stripesInBlock = 0;
            }
        }
    }

    /** {@code count} stripes from {@code offset}, the {@code k}-th keyed by {@code keys} from long {@code key + k}. */
    private void accumulate(int offset, long[] keys, int key, int count) {
        for (int lane = 0; lane < 8; lane += LANES) {
            LongVector a = LongVector.fromArray(LONGS, acc, lane);
            for (int s = 0; s < count; s++) {
                LongVector data = ByteVector.fromArray(BYTES, buffer, offset + s * STRIPE + lane * 8).reinterpretAsLongs();
                LongVector mixed = data.lanewise(XOR, LongVector.fromArray(LONGS, keys, key + s + lane));
                a = a.add(mixed.and(0xFFFFFFFFL).mul(mixed.lanewise(LSHR, 32))).add(data.rearrange(SWAP));
            }
            a.intoArray(acc, lane);
        }
    }

    private void scramble() {
        for (int lane = 0; lane < 8; lane += LANES) {
            LongVector a = LongVector.fromArray(LONGS, acc, lane);
            a = a.lanewise(XOR, a.lanewise(LSHR, 47)).lanewise(XOR, LongVector.fromArray(LONGS, KEYS, SCRAMBLE_KEY + lane))
                    .mul(PRIME32_1);
            a.intoArray(acc, lane);
        }
    }

    private long merge(int secretOffset, long start) {
        long result = start;
        for (int i = 0; i < 4; i++) {
            long x = acc[2 * i] ^ littleEndian(SECRET, secretOffset + 16 * i);
            long y = acc[2 * i + 1] ^ littleEndian(SECRET, secretOffset + 16 * i + 8);
            result += (x * y) ^ Math.unsignedMultiplyHigh(x, y);
        }
        result ^= result >>> 37;
        result *= 0x165667919E3779F9L;
        return result ^ (result >>> 32);
    }

    private static long littleEndian(byte[] bytes, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[at + i] & 0xFF);
        }
        return v;
    }

    private static long[] longsAt(int byteOffset, int count) {
        long[] longs = new long[count];
        for (int i = 0; i < count; i++) {
            longs[i] = littleEndian(SECRET, byteOffset + 8 * i);
        }
        return longs;
    }

    private static byte[] bytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
