package io.seedship.staging.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.seedship.staging.chunks.StagingOptions;
import io.seedship.staging.chunks.StagingWriter;
import io.seedship.staging.source.DirectoryTreeSource;
import io.seedship.staging.source.Trees;
import io.seedship.stagingformat.Hex;
import io.seedship.stagingformat.StagingManifest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seedship-staging verify} catches one flipped byte at each layer of the checks, and names where it is: in a
 * chunk file (its block MD5), inside a compressed frame whose MD5s were recomputed to match (zstd's frame checksum),
 * and in a file's bytes re-compressed into a valid frame with matching MD5s (the file's hash).
 */
class VerifyCatchesDamageTest {

    private static final int BLOCK = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path staging;
    private Path chunk;

    @BeforeEach
    void stage() throws Exception {
        Path source = dir.resolve("source");
        Trees.text(source.resolve("a/notes.txt"), 700 * 1024, 7);
        Trees.random(source.resolve("b/random.bin"), 200 * 1024, 8);
        Files.writeString(source.resolve("c.txt"), "small\n");
        staging = dir.resolve("staging");
        new StagingWriter(StagingOptions.defaults().withBlockBytes(BLOCK).withChunkTargetBytes(StagingOptions.MIB)
                .withThreads(2)).write(new DirectoryTreeSource(source), staging, null);
        chunk = staging.resolve(StagingManifest.chunkName(1));
        assertThat(CliRun.cli("verify", staging.toString()).exit()).isZero();
    }

    @Test
    void aFlippedByteInAChunkIsNamedByItsBlock() throws Exception {
        byte[] bytes = Files.readAllBytes(chunk);
        bytes[2 * BLOCK + 5] ^= 0x01;
        Files.write(chunk, bytes);

        CliRun.Run verify = CliRun.cli("verify", staging.toString());
        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.err()).contains(chunk + " block 2 (bytes 131072 to 196608) has MD5")
                .contains("altered or damaged after staging");
    }

    @Test
    void aFlippedByteInACompressedFrameIsNamedByItsFrame() throws Exception {
        List<byte[]> frames = frames(Files.readAllBytes(chunk));
        byte[] second = frames.get(1);
        second[second.length / 2] ^= 0x10;
        rewrite(frames);

        CliRun.Run verify = CliRun.cli("verify", staging.toString());
        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.err()).contains(chunk + " frame 1 (compressed bytes from " + frames.get(0).length
                + ", stream bytes 65536 to 131072 at most)").doesNotContain("MD5");
    }

    @Test
    void aFlippedByteInAFilesBytesIsNamedByTheFile() throws Exception {
        List<byte[]> frames = frames(Files.readAllBytes(chunk));
        byte[] content = Zstd.decompress(frames.get(1), BLOCK);
        content[1000] ^= 0x01;
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(3);
            ctx.setChecksum(true);
            ctx.setContentSize(true);
            frames.set(1, ctx.compress(content));
        }
        rewrite(frames);

        CliRun.Run verify = CliRun.cli("verify", staging.toString());
        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.err()).contains("a/notes.txt (stream bytes 0 to 716800): restored bytes have XXH3-128")
                .doesNotContain("MD5").doesNotContain("frame");
    }

    /** The chunk's zstd frames, in order. */
    private static List<byte[]> frames(byte[] bytes) {
        List<byte[]> frames = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; ) {
            int length = (int) Zstd.findFrameCompressedSize(bytes, offset);
            frames.add(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
            offset += length;
        }
        return frames;
    }

    /**
     * Writes the frames as chunk 1 and records its size and block MD5s in the manifest, as if staging had written them:
     * the damage then hides from every check above the one under test.
     */
    private void rewrite(List<byte[]> frames) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            out.write(f);
        }
        byte[] bytes = out.toByteArray();
        Files.write(chunk, bytes);
        Path manifest = staging.resolve(StagingManifest.FILE_NAME);
        ObjectNode root = (ObjectNode) JSON.readTree(manifest.toFile());
        ObjectNode first = (ObjectNode) root.get("chunks").get(0);
        first.put("size", bytes.length);
        ArrayNode md5s = first.putArray("blockMd5s");
        for (int off = 0; off < bytes.length; off += BLOCK) {
            MessageDigest md5 = StagingManifest.md5();
            md5.update(bytes, off, Math.min(BLOCK, bytes.length - off));
            md5s.add(Hex.of(md5.digest()));
        }
        JSON.writeValue(manifest.toFile(), root);
        Files.writeString(staging.resolve(StagingManifest.HASH_FILE_NAME),
                StagingManifest.hashLine(StagingManifest.sha256(manifest)));
    }
}
