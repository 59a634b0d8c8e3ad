package io.seedship.staging.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunk written a block at a time holds exactly its bytes, direct or through the page cache. */
class ChunkFileTest {

    private static final int BLOCK = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void wholeBlocksAndAShortLastOneLandExactlyWithDirectIo() throws Exception {
        Path path = dir.resolve("chunk-direct");
        boolean direct = write(path, 3 * BLOCK + 1234);
        if (Set.of("ext4", "xfs", "btrfs").contains(Files.getFileStore(dir).type())) {
            assertThat(direct).as("direct I/O on %s", Files.getFileStore(dir).type()).isTrue();
        }
    }

    @Test
    void thePropertyTurnsDirectIoOffAndTheBytesAreTheSame() throws Exception {
        System.setProperty(ChunkFile.DIRECT_IO_PROPERTY, "false");
        try {
            assertThat(write(dir.resolve("chunk-buffered"), 3 * BLOCK + 1234)).isFalse();
        } finally {
            System.clearProperty(ChunkFile.DIRECT_IO_PROPERTY);
        }
    }

    @Test
    void aBlockSizeThatIsNoMultipleOfTheFileSystemsBlockWritesThroughThePageCache() throws Exception {
        Path path = dir.resolve("odd");
        try (ChunkFile file = ChunkFile.create(path, BLOCK + 100)) {
            assertThat(file.direct()).isFalse();
        }
    }

    @Test
    void anExistingTempChunkIsTruncated() throws Exception {
        Path path = dir.resolve("again");
        Files.write(path, new byte[5 * BLOCK]);
        write(path, 100);
    }

    /** Writes {@code size} random bytes a block at a time, checks the file, and says whether it went direct. */
    private boolean write(Path path, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        ByteBuffer block = DirectBuffers.take(BLOCK);
        boolean direct;
        try (ChunkFile file = ChunkFile.create(path, BLOCK)) {
            direct = file.direct();
            for (int at = 0; at < size; at += BLOCK) {
                int length = Math.min(BLOCK, size - at);
                block.clear();
                // stale bytes past a short block must not reach the file
                while (block.hasRemaining()) {
                    block.put((byte) 0x5a);
                }
                block.clear().put(bytes, at, length).flip();
                file.write(block, at);
                assertThat(block.position()).as("the block is left as it was").isZero();
                assertThat(block.limit()).isEqualTo(length);
            }
            file.channel().force(false);
        }
        assertThat(Files.size(path)).isEqualTo(size);
        assertThat(Files.readAllBytes(path)).isEqualTo(bytes);
        return direct;
    }
}
