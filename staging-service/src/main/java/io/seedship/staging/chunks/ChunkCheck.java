package io.seedship.staging.chunks;

import io.seedship.stagingformat.Hex;
import io.seedship.stagingformat.StagingManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/** Checks a chunk file against its recorded size and MD5. */
final class ChunkCheck {

    private ChunkCheck() {
    }

    /** Null when the chunk is as recorded, else what is wrong (naming the file). */
    static String problem(Path chunk, long size, String md5) throws IOException {
        if (!Files.exists(chunk)) {
            return chunk + " is missing";
        }
        long actualSize = Files.size(chunk);
        if (actualSize != size) {
            return chunk + " has " + actualSize + " bytes, the journal records " + size;
        }
        if (md5 == null) {
            return null; // staged with hashing disabled: the size is all there is to check
        }
        String actual = md5(chunk);
        return actual.equals(md5) ? null : chunk + " has MD5 " + actual + ", the journal records " + md5;
    }

    static String md5(Path file) throws IOException {
        MessageDigest md5 = StagingManifest.md5();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
            }
        }
        return Hex.of(md5.digest());
    }
}
