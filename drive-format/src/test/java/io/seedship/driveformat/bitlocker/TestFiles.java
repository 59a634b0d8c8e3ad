package io.seedship.driveformat.bitlocker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import io.seedship.driveformat.volume.VolumeReader;

/** Small helpers shared by the tests. */
final class TestFiles {

    private TestFiles() {
    }

    static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }

    /** SHA-256 of the whole volume, read in 4 MiB pieces. */
    static String sha256(VolumeReader volume) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = volume.size();
        for (long pos = 0; pos < size; ) {
            int n = (int) Math.min(4 << 20, size - pos);
            sha.update(volume.read(pos, n));
            pos += n;
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Runs a command; returns its exit code and combined output. */
    record Result(int exit, String output) {
    }

    static Result run(byte[] stdin, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        return new Result(exit, out);
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(null, command);
    }
}
