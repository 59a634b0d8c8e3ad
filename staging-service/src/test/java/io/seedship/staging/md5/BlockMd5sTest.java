package io.seedship.staging.md5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.stagingformat.Hex;
import io.seedship.stagingformat.StagingManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every block's MD5 as MessageDigest computes it, on lanes and one by one, whatever the range and the file's end. */
class BlockMd5sTest {

    @TempDir
    Path dir;

    @Test
    void theLanesRunHereBecauseTheTestsStartTheJvmWithTheVectorApi() {
        assertThat(BlockMd5s.create(4096).lanes()).as(BlockMd5s.create(4096).description()).isGreaterThanOrEqualTo(8);
        assertThat(BlockMd5s.create(4096).description()).contains("lanes (jdk.incubator.vector");
        assertThat(BlockMd5s.scalar(4096).lanes()).isEqualTo(1);
    }

    @Test
    void lanesAndScalarAgreeWithMessageDigestOnEveryShapeOfFile() throws Exception {
        int block = 4096;
        int lanes = BlockMd5s.create(block).lanes();
        long[] sizes = {0, 1, 63, 64, 65, block, block + 1, (long) lanes * block, (long) lanes * block + 100,
                3L * lanes * block + 5L * block + 17, (long) (lanes / 2) * block, (long) (lanes - 1) * block + 1};
        for (long size : sizes) {
            byte[] bytes = random(size);
            Path file = write(bytes);
            List<String> expected = expected(bytes, 0, block);
            try (FileChannel channel = FileChannel.open(file)) {
                assertThat(BlockMd5s.create(block).hash(channel, 0, size)).as("lanes, %d bytes", size)
                        .isEqualTo(expected);
                assertThat(BlockMd5s.scalar(block).hash(channel, 0, size)).as("scalar, %d bytes", size)
                        .isEqualTo(expected);
                assertThat(channel.position()).isZero();
            }
            List<ByteBuffer> blocks = buffers(bytes, block);
            assertThat(BlockMd5s.create(block).hash(blocks)).as("lanes from buffers, %d bytes", size)
                    .isEqualTo(expected);
            assertThat(BlockMd5s.scalar(block).hash(blocks)).as("scalar from buffers, %d bytes", size)
                    .isEqualTo(expected);
            assertThat(blocks).allMatch(b -> b.position() == 8, "the buffers are left as they were");
        }
    }

    @Test
    void buffersMustBeWholeBlocksButTheLast() {
        int block = 4096;
        List<ByteBuffer> shortInTheMiddle = List.of(ByteBuffer.allocateDirect(block), ByteBuffer.allocateDirect(100),
                ByteBuffer.allocateDirect(block));
        assertThatThrownBy(() -> BlockMd5s.create(block).hash(shortInTheMiddle))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block 1 holds 100 bytes");
        assertThatThrownBy(() -> BlockMd5s.create(block).hash(List.of(ByteBuffer.allocate(block + 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block 0 holds 4097 bytes");
    }

    /** Each block in a direct buffer of its own, at an offset so that the lanes read from the buffers' positions. */
    private static List<ByteBuffer> buffers(byte[] bytes, int block) {
        List<ByteBuffer> blocks = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += block) {
            int length = Math.min(block, bytes.length - at);
            ByteBuffer b = ByteBuffer.allocateDirect(length + 8);
            b.position(8).put(bytes, at, length).position(8);
            blocks.add(b);
        }
        return blocks;
    }

    @Test
    void aRangeLaterInTheFileAndLargeBlocks() throws Exception {
        int block = 1 << 20;
        int lanes = BlockMd5s.create(block).lanes();
        byte[] bytes = random((long) (lanes + 3) * block + 12345);
        Path file = write(bytes);
        try (FileChannel channel = FileChannel.open(file)) {
            long from = 2L * block;
            assertThat(BlockMd5s.create(block).hash(channel, from, bytes.length))
                    .isEqualTo(expected(bytes, (int) from, block));
            assertThat(BlockMd5s.create(block).hash(channel, from, from)).isEmpty();
        }
    }

    @Test
    void aFileShorterThanTheRangeOrAnUnalignedStartIsRefused() throws Exception {
        Path file = write(random(10_000));
        try (FileChannel channel = FileChannel.open(file)) {
            assertThatThrownBy(() -> BlockMd5s.create(4096).hash(channel, 0, 20_000)).isInstanceOf(IOException.class)
                    .hasMessageContaining("the file ends at byte 10000");
            assertThatThrownBy(() -> BlockMd5s.create(4096).hash(channel, 100, 5000))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block boundary");
        }
    }

    @Test
    void thePropertyForcesOneLane() {
        System.setProperty(BlockMd5s.LANES_PROPERTY, "1");
        try {
            assertThat(BlockMd5s.create(4096).lanes()).isEqualTo(1);
            assertThat(BlockMd5s.create(4096).description()).contains(BlockMd5s.LANES_PROPERTY);
        } finally {
            System.clearProperty(BlockMd5s.LANES_PROPERTY);
        }
        assertThat(BlockMd5s.create(4000).lanes()).as("not whole 64-byte steps").isEqualTo(1);
    }

    private static List<String> expected(byte[] bytes, int from, int block) {
        List<String> md5s = new ArrayList<>();
        for (int at = from; at < bytes.length; at += block) {
            MessageDigest md5 = StagingManifest.md5();
            md5.update(bytes, at, Math.min(block, bytes.length - at));
            md5s.add(Hex.of(md5.digest()));
        }
        return md5s;
    }

    private static byte[] random(long size) {
        byte[] bytes = new byte[(int) size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "blocks", ".bin");
        Files.write(file, bytes);
        return file;
    }
}
