package io.seedship.stagingformat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.stagingformat.FileHash;
import io.seedship.stagingformat.ManifestException;
import io.seedship.stagingformat.ManifestReader;
import io.seedship.stagingformat.StagingManifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staging written by Seedship before format 2 (src/test/resources/v1-staging: whole-chunk MD5s, SHA-256 per file,
 * 64 KiB blocks) still verifies and restores.
 */
class FormatVersion1Test {

    /** sha256sum of the source files the fixture was staged from. */
    private static final Map<String, String> SOURCE = Map.of(
            "empty.txt", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "docs/readme.txt", "97091120d4d26c02b67a081ccfa1e5778d8452618891e44c30fc338d47a3b347",
            "docs/sub/log.txt", "047140d21d1c6d872f4557f5dbc0a6dc4c3716dfdcfc62e1d2078a2ed417546b",
            "docs/sub/random.bin", "b2d7826017333c46bb8f6b9576ffa63fa993a37de905e1585186578d264d33df");

    @TempDir
    Path tmp;

    private Path fixture() throws IOException, URISyntaxException {
        Path from = Path.of(getClass().getResource("/v1-staging/" + StagingManifest.FILE_NAME).toURI()).getParent();
        Path copy = tmp.resolve("staging");
        Files.createDirectories(copy);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void aVersion1StagingVerifiesAndRestoresByteForByte() throws Exception {
        Path staging = fixture();
        assertThat(ManifestReader.readHeader(staging.resolve(StagingManifest.FILE_NAME)).fileHash())
                .isEqualTo(FileHash.SHA_256);
        RestoreReport report = new StagingRestorer().verify(staging);
        assertThat(report.files()).isEqualTo(4);
        assertThat(report.chunks()).isEqualTo(1);

        Path target = tmp.resolve("restored");
        new StagingRestorer().restore(staging, target);
        for (Map.Entry<String, String> e : SOURCE.entrySet()) {
            assertThat(sha256(target.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(Files.readSymbolicLink(target.resolve("link"))).isEqualTo(Path.of("docs/readme.txt"));
        assertThat(target.resolve("empty-dir")).isEmptyDirectory();
    }

    @Test
    void aFlippedByteInAVersion1ChunkIsNamedByItsBlock() throws Exception {
        Path staging = fixture();
        Path chunk = staging.resolve("chunk-000001.zst");
        byte[] bytes = Files.readAllBytes(chunk);
        bytes[3 * 65536 + 100] ^= 0x01;
        Files.write(chunk, bytes);
        assertThatThrownBy(() -> new StagingRestorer().verify(staging)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("chunk-000001.zst block 3 (bytes 196608 to 262144) has MD5");
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            sha.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
