package io.seedship.staging.md5;

import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * MD5 of several messages at once, one per SIMD lane (RFC 1321, each step applied to every lane). MD5 is a serial
 * chain within one message, so a single message cannot use the vector units; independent blocks can. Loaded only when
 * jdk.incubator.vector is in the boot layer (see {@link BlockMd5s}).
 *
 * <p>Shaped for the JIT. Each 64-byte step of the lanes goes through three methods: one gathers the 16 message words
 * of every lane into {@link #message}, one word's lanes side by side (the Vector API of Java 21 loads from arrays, not
 * from direct buffers, hence the gather); then two halves of 32 steps each load the state, run their steps written
 * out, and store it. Every vector comes from a load with the constant species, so C2 knows its exact class without a
 * type profile. And every method stays small enough for C1's full-profiling tier: one method of all 64 steps was too
 * big for it, so whenever the JIT first compiled it with C1's cheap tier (which it does when C2 is busy) it stayed
 * there, at a thirtieth of the speed, for the life of the JVM (a staging benchmark at 0.58 of zstd instead of 0.92);
 * 16 gathers on top of 32 steps are too big too. Split further (a method per round) it runs a third slower.
 *
 * <p>One lane's steps are a chain of dependent operations, so the speed is that chain's latency: each step adds its
 * message word and constant to {@code a} first, off the chain, and its round function takes the value just computed
 * last, so only that function, one add, the rotation and one add wait on the step before.
 */
final class VectorMd5 {

    static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /** a, b, c and d of every lane: LANES ints each. */
    private final int[] state = new int[4 * LANES];
    /** The state before the current 64-byte step, added back after its 64 steps. */
    private final int[] before = new int[4 * LANES];
    /** The current step's 16 message words: word w of lane l at {@code w * LANES + l}. */
    private final int[] message = new int[16 * LANES];

    int lanes() {
        return LANES;
    }

    static String shape() {
        return SPECIES.vectorBitSize() + "-bit";
    }

    void reset() {
        for (int l = 0; l < LANES; l++) {
            state[l] = 0x67452301;
            state[LANES + l] = 0xefcdab89;
            state[2 * LANES + l] = 0x98badcfe;
            state[3 * LANES + l] = 0x10325476;
        }
    }

    /** Lane {@code l}'s digest word {@code w} (0..3: a, b, c, d), to be written little-endian. */
    int word(int lane, int w) {
        return state[w * LANES + lane];
    }

    /**
     * Feeds {@code blocks} 64-byte blocks to every lane: lane {@code l}'s {@code k}-th block is the 16 ints at
     * {@code words[index[l] + 16 k]}, little-endian as MD5 reads them.
     */
    void compress(int[] words, int[] index, int blocks) {
        for (int block = 0; block < blocks; block++) {
            gather(words, index, block * 16);
            rounds1And2();
            rounds3And4();
        }
    }

    private void gather(int[] words, int[] index, int offset) {
        for (int w = 0; w < 16; w++) {
            IntVector.fromArray(SPECIES, words, offset + w, index, 0).intoArray(message, w * LANES);
        }
    }

    /** Rounds 1 (F) and 2 (G), keeping the state they start from. */
    private void rounds1And2() {
        int[] m = message;
        IntVector a = IntVector.fromArray(SPECIES, state, 0);
        IntVector b = IntVector.fromArray(SPECIES, state, LANES);
        IntVector c = IntVector.fromArray(SPECIES, state, 2 * LANES);
        IntVector d = IntVector.fromArray(SPECIES, state, 3 * LANES);
        a.intoArray(before, 0);
        b.intoArray(before, LANES);
        c.intoArray(before, 2 * LANES);
        d.intoArray(before, 3 * LANES);
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 0 * LANES).add(0xd76aa478)).add(d.lanewise(XOR, c.lanewise(XOR, d).and(b))).lanewise(ROL, 7));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 1 * LANES).add(0xe8c7b756)).add(c.lanewise(XOR, b.lanewise(XOR, c).and(a))).lanewise(ROL, 12));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 2 * LANES).add(0x242070db)).add(b.lanewise(XOR, a.lanewise(XOR, b).and(d))).lanewise(ROL, 17));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 3 * LANES).add(0xc1bdceee)).add(a.lanewise(XOR, d.lanewise(XOR, a).and(c))).lanewise(ROL, 22));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 4 * LANES).add(0xf57c0faf)).add(d.lanewise(XOR, c.lanewise(XOR, d).and(b))).lanewise(ROL, 7));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 5 * LANES).add(0x4787c62a)).add(c.lanewise(XOR, b.lanewise(XOR, c).and(a))).lanewise(ROL, 12));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 6 * LANES).add(0xa8304613)).add(b.lanewise(XOR, a.lanewise(XOR, b).and(d))).lanewise(ROL, 17));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 7 * LANES).add(0xfd469501)).add(a.lanewise(XOR, d.lanewise(XOR, a).and(c))).lanewise(ROL, 22));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 8 * LANES).add(0x698098d8)).add(d.lanewise(XOR, c.lanewise(XOR, d).and(b))).lanewise(ROL, 7));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 9 * LANES).add(0x8b44f7af)).add(c.lanewise(XOR, b.lanewise(XOR, c).and(a))).lanewise(ROL, 12));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 10 * LANES).add(0xffff5bb1)).add(b.lanewise(XOR, a.lanewise(XOR, b).and(d))).lanewise(ROL, 17));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 11 * LANES).add(0x895cd7be)).add(a.lanewise(XOR, d.lanewise(XOR, a).and(c))).lanewise(ROL, 22));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 12 * LANES).add(0x6b901122)).add(d.lanewise(XOR, c.lanewise(XOR, d).and(b))).lanewise(ROL, 7));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 13 * LANES).add(0xfd987193)).add(c.lanewise(XOR, b.lanewise(XOR, c).and(a))).lanewise(ROL, 12));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 14 * LANES).add(0xa679438e)).add(b.lanewise(XOR, a.lanewise(XOR, b).and(d))).lanewise(ROL, 17));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 15 * LANES).add(0x49b40821)).add(a.lanewise(XOR, d.lanewise(XOR, a).and(c))).lanewise(ROL, 22));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 1 * LANES).add(0xf61e2562)).add(b.and(d).or(c.and(d.not()))).lanewise(ROL, 5));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 6 * LANES).add(0xc040b340)).add(a.and(c).or(b.and(c.not()))).lanewise(ROL, 9));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 11 * LANES).add(0x265e5a51)).add(d.and(b).or(a.and(b.not()))).lanewise(ROL, 14));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 0 * LANES).add(0xe9b6c7aa)).add(c.and(a).or(d.and(a.not()))).lanewise(ROL, 20));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 5 * LANES).add(0xd62f105d)).add(b.and(d).or(c.and(d.not()))).lanewise(ROL, 5));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 10 * LANES).add(0x02441453)).add(a.and(c).or(b.and(c.not()))).lanewise(ROL, 9));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 15 * LANES).add(0xd8a1e681)).add(d.and(b).or(a.and(b.not()))).lanewise(ROL, 14));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 4 * LANES).add(0xe7d3fbc8)).add(c.and(a).or(d.and(a.not()))).lanewise(ROL, 20));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 9 * LANES).add(0x21e1cde6)).add(b.and(d).or(c.and(d.not()))).lanewise(ROL, 5));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 14 * LANES).add(0xc33707d6)).add(a.and(c).or(b.and(c.not()))).lanewise(ROL, 9));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 3 * LANES).add(0xf4d50d87)).add(d.and(b).or(a.and(b.not()))).lanewise(ROL, 14));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 8 * LANES).add(0x455a14ed)).add(c.and(a).or(d.and(a.not()))).lanewise(ROL, 20));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 13 * LANES).add(0xa9e3e905)).add(b.and(d).or(c.and(d.not()))).lanewise(ROL, 5));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 2 * LANES).add(0xfcefa3f8)).add(a.and(c).or(b.and(c.not()))).lanewise(ROL, 9));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 7 * LANES).add(0x676f02d9)).add(d.and(b).or(a.and(b.not()))).lanewise(ROL, 14));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 12 * LANES).add(0x8d2a4c8a)).add(c.and(a).or(d.and(a.not()))).lanewise(ROL, 20));
        a.intoArray(state, 0 * LANES);
        b.intoArray(state, 1 * LANES);
        c.intoArray(state, 2 * LANES);
        d.intoArray(state, 3 * LANES);
    }

    /** Rounds 3 (H) and 4 (I), then the state before the step added back. */
    private void rounds3And4() {
        int[] m = message;
        IntVector a = IntVector.fromArray(SPECIES, state, 0);
        IntVector b = IntVector.fromArray(SPECIES, state, LANES);
        IntVector c = IntVector.fromArray(SPECIES, state, 2 * LANES);
        IntVector d = IntVector.fromArray(SPECIES, state, 3 * LANES);
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 5 * LANES).add(0xfffa3942)).add(c.lanewise(XOR, d).lanewise(XOR, b)).lanewise(ROL, 4));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 8 * LANES).add(0x8771f681)).add(b.lanewise(XOR, c).lanewise(XOR, a)).lanewise(ROL, 11));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 11 * LANES).add(0x6d9d6122)).add(a.lanewise(XOR, b).lanewise(XOR, d)).lanewise(ROL, 16));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 14 * LANES).add(0xfde5380c)).add(d.lanewise(XOR, a).lanewise(XOR, c)).lanewise(ROL, 23));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 1 * LANES).add(0xa4beea44)).add(c.lanewise(XOR, d).lanewise(XOR, b)).lanewise(ROL, 4));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 4 * LANES).add(0x4bdecfa9)).add(b.lanewise(XOR, c).lanewise(XOR, a)).lanewise(ROL, 11));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 7 * LANES).add(0xf6bb4b60)).add(a.lanewise(XOR, b).lanewise(XOR, d)).lanewise(ROL, 16));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 10 * LANES).add(0xbebfbc70)).add(d.lanewise(XOR, a).lanewise(XOR, c)).lanewise(ROL, 23));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 13 * LANES).add(0x289b7ec6)).add(c.lanewise(XOR, d).lanewise(XOR, b)).lanewise(ROL, 4));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 0 * LANES).add(0xeaa127fa)).add(b.lanewise(XOR, c).lanewise(XOR, a)).lanewise(ROL, 11));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 3 * LANES).add(0xd4ef3085)).add(a.lanewise(XOR, b).lanewise(XOR, d)).lanewise(ROL, 16));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 6 * LANES).add(0x04881d05)).add(d.lanewise(XOR, a).lanewise(XOR, c)).lanewise(ROL, 23));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 9 * LANES).add(0xd9d4d039)).add(c.lanewise(XOR, d).lanewise(XOR, b)).lanewise(ROL, 4));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 12 * LANES).add(0xe6db99e5)).add(b.lanewise(XOR, c).lanewise(XOR, a)).lanewise(ROL, 11));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 15 * LANES).add(0x1fa27cf8)).add(a.lanewise(XOR, b).lanewise(XOR, d)).lanewise(ROL, 16));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 2 * LANES).add(0xc4ac5665)).add(d.lanewise(XOR, a).lanewise(XOR, c)).lanewise(ROL, 23));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 0 * LANES).add(0xf4292244)).add(b.or(d.not()).lanewise(XOR, c)).lanewise(ROL, 6));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 7 * LANES).add(0x432aff97)).add(a.or(c.not()).lanewise(XOR, b)).lanewise(ROL, 10));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 14 * LANES).add(0xab9423a7)).add(d.or(b.not()).lanewise(XOR, a)).lanewise(ROL, 15));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 5 * LANES).add(0xfc93a039)).add(c.or(a.not()).lanewise(XOR, d)).lanewise(ROL, 21));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 12 * LANES).add(0x655b59c3)).add(b.or(d.not()).lanewise(XOR, c)).lanewise(ROL, 6));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 3 * LANES).add(0x8f0ccc92)).add(a.or(c.not()).lanewise(XOR, b)).lanewise(ROL, 10));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 10 * LANES).add(0xffeff47d)).add(d.or(b.not()).lanewise(XOR, a)).lanewise(ROL, 15));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 1 * LANES).add(0x85845dd1)).add(c.or(a.not()).lanewise(XOR, d)).lanewise(ROL, 21));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 8 * LANES).add(0x6fa87e4f)).add(b.or(d.not()).lanewise(XOR, c)).lanewise(ROL, 6));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 15 * LANES).add(0xfe2ce6e0)).add(a.or(c.not()).lanewise(XOR, b)).lanewise(ROL, 10));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 6 * LANES).add(0xa3014314)).add(d.or(b.not()).lanewise(XOR, a)).lanewise(ROL, 15));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 13 * LANES).add(0x4e0811a1)).add(c.or(a.not()).lanewise(XOR, d)).lanewise(ROL, 21));
        a = b.add(a.add(IntVector.fromArray(SPECIES, m, 4 * LANES).add(0xf7537e82)).add(b.or(d.not()).lanewise(XOR, c)).lanewise(ROL, 6));
        d = a.add(d.add(IntVector.fromArray(SPECIES, m, 11 * LANES).add(0xbd3af235)).add(a.or(c.not()).lanewise(XOR, b)).lanewise(ROL, 10));
        c = d.add(c.add(IntVector.fromArray(SPECIES, m, 2 * LANES).add(0x2ad7d2bb)).add(d.or(b.not()).lanewise(XOR, a)).lanewise(ROL, 15));
        b = c.add(b.add(IntVector.fromArray(SPECIES, m, 9 * LANES).add(0xeb86d391)).add(c.or(a.not()).lanewise(XOR, d)).lanewise(ROL, 21));
        a.add(IntVector.fromArray(SPECIES, before, 0 * LANES)).intoArray(state, 0 * LANES);
        b.add(IntVector.fromArray(SPECIES, before, 1 * LANES)).intoArray(state, 1 * LANES);
        c.add(IntVector.fromArray(SPECIES, before, 2 * LANES)).intoArray(state, 2 * LANES);
        d.add(IntVector.fromArray(SPECIES, before, 3 * LANES)).intoArray(state, 3 * LANES);
    }
}
