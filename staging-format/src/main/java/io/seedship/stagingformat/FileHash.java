package io.seedship.stagingformat;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The hash that covers each file's bytes end to end: staging computes it as it reads the source, and the restorer,
 * {@code seedship-staging verify} and the vault's check recompute it from the restored bytes. The manifest names it
 * under "checks" and each file entry carries it under {@link #field}.
 *
 * <p>XXH3-128 is the default since format 2: the check is against corruption (the manifest and the blocks' MD5s are
 * what Azure and the operator check against), and at about 10 GB/s a core it costs a tenth of SHA-256, which left
 * staging slower than zstd alone; on SIMD lanes ({@link VectorXxh3}) it runs at several times that. SHA-256 stays
 * for earlier manifests and for whoever wants a cryptographic hash.
 */
public enum FileHash {

    SHA_256("sha256", "SHA-256", "SHA-256 of the file's bytes, lowercase hex, as sha256sum prints it"),
    XXH3_128("xxh128", "XXH3-128", "XXH3 128-bit of the file's bytes, lowercase hex, as xxhsum -H2 prints it");

    /** The entry field that holds it, and its name in the manifest's checks. */
    public final String field;
    /** For messages: "SHA-256". */
    public final String label;
    /** What the manifest says it covers. */
    public final String rule;

    FileHash(String field, String label, String rule) {
        this.field = field;
        this.label = label;
        this.rule = rule;
    }

    /** The hash whose entry field or check name is {@code field}, or null. */
    public static FileHash ofField(String field) {
        for (FileHash h : values()) {
            if (h.field.equals(field)) {
                return h;
            }
        }
        return null;
    }

    public Hasher newHasher() {
        return switch (this) {
            case SHA_256 -> new Sha256();
            case XXH3_128 -> VECTOR_XXH3 ? new VectorXxh3() : new Xxh3();
        };
    }

    /** An XXH3-128 as xxhsum -H2 prints it: the high 64 bits, then the low, in hex. */
    static FileDigest xxh3Digest(long high, long low) {
        HexFormat hex = HexFormat.of();
        return new FileDigest(XXH3_128, hex.toHexDigits(high) + hex.toHexDigits(low));
    }

    /** Where XXH3-128 runs: on SIMD lanes when the JVM has jdk.incubator.vector, else one long at a time. */
    public static String xxh3Engine() {
        return VECTOR_XXH3 ? "SIMD lanes (jdk.incubator.vector, " + VectorXxh3.shape() + ")"
                : "hash4j (start the JVM with --add-modules jdk.incubator.vector for SIMD lanes)";
    }

    /** {@code -Dseedship.xxh3-lanes=false}: XXH3 one long at a time even where lanes are available. */
    private static final boolean VECTOR_XXH3 = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("seedship.xxh3-lanes")) && VectorXxh3.usable();

    /** One file's running hash. Not thread-safe. */
    public interface Hasher {

        /** Hashes the buffer's remaining bytes; its position moves to its limit. */
        void update(ByteBuffer bytes);

        void update(byte[] bytes, int offset, int length);

        /** The digest of everything hashed, as it appears in the manifest. */
        FileDigest digest();
    }

    private static final class Sha256 implements Hasher {
        private final MessageDigest sha = StagingManifest.sha256();

        @Override
        public void update(ByteBuffer bytes) {
            sha.update(bytes);
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            sha.update(bytes, offset, length);
        }

        @Override
        public FileDigest digest() {
            return new FileDigest(SHA_256, Hex.of(sha.digest()));
        }
    }

    static final class Xxh3 implements Hasher {
        /** hash4j reads arrays only: direct buffers pass through this, a slice at a time, while still in cache. */
        private static final int SLICE = 16 * 1024;

        private final HashStream128 stream = Hashing.xxh3_128().hashStream();
        private byte[] slice;

        @Override
        public void update(ByteBuffer bytes) {
            if (bytes.hasArray()) {
                stream.putBytes(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                bytes.position(bytes.limit());
                return;
            }
            if (slice == null) {
                slice = new byte[SLICE];
            }
            while (bytes.hasRemaining()) {
                int n = Math.min(SLICE, bytes.remaining());
                bytes.get(slice, 0, n);
                stream.putBytes(slice, 0, n);
            }
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            stream.putBytes(bytes, offset, length);
        }

        @Override
        public FileDigest digest() {
            HashValue128 v = stream.get();
            return xxh3Digest(v.getMostSignificantBits(), v.getLeastSignificantBits());
        }
    }
}
