package io.seedship.stagingformat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** File names, the format's identity and the manifest's own hash file. */
public final class StagingManifest {

    public static final String FILE_NAME = "staging-manifest.json";
    public static final String HASH_FILE_NAME = FILE_NAME + ".sha256";
    public static final String FORMAT = "seedship-staging-manifest";
    /** The version written: 2 dropped the whole-chunk MD5 and lets the manifest name the files' hash. */
    public static final int FORMAT_VERSION = 2;
    /** The oldest version read and verified. */
    public static final int FIRST_FORMAT_VERSION = 1;

    /** Shared: the factory is thread-safe and costly to create. */
    public static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private StagingManifest() {
    }

    /** "chunk-000001.zst" for 1. */
    public static String chunkName(int number) {
        return String.format(Locale.ROOT, "chunk-%06d.zst", number);
    }

    /** The line {@code sha256sum} prints for the manifest, so {@code sha256sum -c staging-manifest.json.sha256} works. */
    public static String hashLine(String sha256) {
        return sha256 + "  " + FILE_NAME + "\n";
    }

    /** Reads the hash from the {@code .sha256} file beside the manifest. */
    public static String recordedHash(Path stagingDir) throws IOException {
        Path file = stagingDir.resolve(HASH_FILE_NAME);
        if (!Files.exists(file)) {
            throw new ManifestException(file + " is missing: the manifest's hash cannot be checked");
        }
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        int space = line.indexOf(' ');
        String hash = space < 0 ? line : line.substring(0, space);
        if (!Hex.isLowerHex(hash, 64) || !line.endsWith(FILE_NAME)) {
            throw new ManifestException(file + " must hold '<sha256 hex>  " + FILE_NAME + "', found '" + line + "'");
        }
        return hash;
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return Hex.of(sha.digest());
    }

    /** Checks the manifest against its {@code .sha256} file and returns the hash. */
    public static String checkHash(Path stagingDir) throws IOException {
        Path manifest = stagingDir.resolve(FILE_NAME);
        if (!Files.exists(manifest)) {
            throw new ManifestException(manifest + " is missing: " + stagingDir + " holds no completed staging");
        }
        String recorded = recordedHash(stagingDir);
        String actual = sha256(manifest);
        if (!actual.equals(recorded)) {
            throw new ManifestException(manifest + " has SHA-256 " + actual + " but " + HASH_FILE_NAME + " records "
                    + recorded + ": the manifest was altered or damaged");
        }
        return actual;
    }

    public static MessageDigest sha256() {
        return digest("SHA-256");
    }

    public static MessageDigest md5() {
        return digest("MD5");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
