package io.seedship.staging.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.staging.source.DirectoryTreeSource;
import io.seedship.staging.source.MixedTree;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A staging's direct buffers go back for the next one instead of waiting for the collector. */
class DirectBuffersTest {

    @TempDir
    Path dir;

    @Test
    void aBufferGivenBackIsTakenAgainClearedAndOnlyUpToTheLimitIsKept() {
        int capacity = 64 * 1024 + 13; // a size no pipeline uses, so other tests cannot take it meanwhile
        ByteBuffer first = DirectBuffers.take(capacity);
        assertThat(first.capacity()).isEqualTo(capacity);
        assertThat(first.alignmentOffset(0, DirectBuffers.ALIGNMENT)).as("page-aligned, for direct I/O").isZero();
        first.put((byte) 1).limit(10);
        long kept = DirectBuffers.keptBytes();
        DirectBuffers.give(first);
        assertThat(DirectBuffers.keptBytes()).isEqualTo(kept + capacity);
        ByteBuffer again = DirectBuffers.take(capacity);
        assertThat(again).isSameAs(first);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(capacity);

        DirectBuffers.give(ByteBuffer.allocate(capacity)); // a heap buffer is not kept
        assertThat(DirectBuffers.take(capacity)).isNotSameAs(first).matches(ByteBuffer::isDirect);

        int huge = (int) (DirectBuffers.KEEP_BYTES - DirectBuffers.keptBytes() + 1);
        DirectBuffers.give(ByteBuffer.allocateDirect(huge));
        assertThat(DirectBuffers.keptBytes()).as("past the limit, left to the collector")
                .isLessThanOrEqualTo(DirectBuffers.KEEP_BYTES);
    }

    @Test
    void theSecondStagingAllocatesNoNewBlocksOrFrames() throws Exception {
        MixedTree tree = MixedTree.create(dir.resolve("source"));
        // a block size of its own, so that no other test's pipeline shares these buffers
        StagingWriter writer = new StagingWriter(StagingOptions.defaults().withBlockBytes(256 * 1024 + 64)
                .withThreads(2).withProgressInterval(Duration.ZERO));
        writer.write(new DirectoryTreeSource(tree.root), dir.resolve("one"), null);
        long allocated = DirectBuffers.allocated();
        long kept = DirectBuffers.keptBytes();
        writer.write(new DirectoryTreeSource(tree.root), dir.resolve("two"), null);

        assertThat(DirectBuffers.allocated()).isEqualTo(allocated);
        assertThat(DirectBuffers.keptBytes()).isEqualTo(kept);
    }
}
