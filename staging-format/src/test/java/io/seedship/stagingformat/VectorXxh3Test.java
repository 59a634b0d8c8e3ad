package io.seedship.stagingformat;

import static org.assertj.core.api.Assertions.assertThat;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** XXH3-128 on SIMD lanes gives hash4j's digest for every length, however the bytes arrive. */
class VectorXxh3Test {

    private final Random random = new Random(17);

    @Test
    void theLanesRunHereBecauseTheTestsStartTheJvmWithTheVectorApi() {
        assertThat(FileHash.xxh3Engine()).startsWith("SIMD lanes");
        assertThat(FileHash.XXH3_128.newHasher()).isInstanceOf(VectorXxh3.class);
    }

    @Test
    void everyLengthUpToAFewBlocksInOnePiece() {
        byte[] bytes = randomBytes(5000);
        for (int length = 0; length <= bytes.length; length++) {
            VectorXxh3 h = new VectorXxh3();
            h.update(bytes, 0, length);
            assertThat(h.digest().hex()).as("%d bytes", length).isEqualTo(expected(bytes, length));
        }
    }

    @Test
    void lengthsAroundTheBufferAndBlockEdgesInRandomPiecesFromArraysAndDirectBuffers() {
        int[] lengths = {241, 1023, 1024, 1025, 1088, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 16 * 1024 + 63,
            16 * 1024 + 64, 16 * 1024 + 65, 32 * 1024, 32 * 1024 + 1, 48 * 1024 - 64, 1 << 20, (1 << 20) + 12345,
            3 * (1 << 20) + 7};
        for (int length : lengths) {
            byte[] bytes = randomBytes(length);
            String expected = expected(bytes, length);
            for (int round = 0; round < 4; round++) {
                VectorXxh3 h = new VectorXxh3();
                int at = 0;
                while (at < length) {
                    int n = Math.min(length - at, pieceSize(round));
                    if (random.nextBoolean()) {
                        h.update(bytes, at, n);
                    } else {
                        ByteBuffer direct = ByteBuffer.allocateDirect(n + 3);
                        direct.position(3);
                        direct.put(bytes, at, n).flip().position(3);
                        h.update(direct);
                        assertThat(direct.hasRemaining()).isFalse();
                    }
                    at += n;
                }
                assertThat(h.digest().hex()).as("%d bytes, round %d", length, round).isEqualTo(expected);
            }
        }
    }

    private int pieceSize(int round) {
        return switch (round) {
            case 0 -> 1 + random.nextInt(100);
            case 1 -> 1 + random.nextInt(20_000);
            case 2 -> 64;
            default -> 1 << (random.nextInt(18));
        };
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String expected(byte[] bytes, int length) {
        HashValue128 v = Hashing.xxh3_128().hashBytesTo128Bits(bytes, 0, length);
        return HexFormat.of().toHexDigits(v.getMostSignificantBits()) + HexFormat.of().toHexDigits(v.getLeastSignificantBits());
    }
}
