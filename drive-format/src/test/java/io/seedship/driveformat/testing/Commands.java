package io.seedship.driveformat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the independent tools the tests judge drives by: dislocker, cryptsetup, the ntfs-3g tools, losetup. */
public final class Commands {

    public record Result(int exit, String output) {
    }

    private Commands() {
    }

    public static Result runWithInput(String stdin, String... command) throws IOException, InterruptedException {
        command[0] = io.seedship.driveformat.layout.NtfsTools.locate(command[0]);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    public static Result run(String... command) throws IOException, InterruptedException {
        return runWithInput(null, command);
    }

    /** ntfscat's bytes of a file ("\name" or "/name") in an unencrypted NTFS image. */
    public static byte[] ntfscat(Path image, String file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(io.seedship.driveformat.layout.NtfsTools.locate("ntfscat"), image.toString(), file.replace('\\', '/'))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        byte[] bytes = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IOException("ntfscat " + image + " " + file + " failed with exit " + process.exitValue());
        }
        return bytes;
    }

    /**
     * dislocker-file decrypts a BitLocker volume into a plain NTFS image. It exits 139 on most errors, so success is
     * judged by the output image starting with an NTFS boot sector.
     */
    public static boolean dislocker(Path volume, String recoveryPassword, Path out) throws IOException, InterruptedException {
        Files.deleteIfExists(out);
        run("dislocker-file", "-V", volume.toString(), "-p" + recoveryPassword, out.toString());
        if (!Files.exists(out) || Files.size(out) < 512) {
            return false;
        }
        byte[] head = new byte[11];
        try (var in = Files.newInputStream(out)) {
            in.readNBytes(head, 0, head.length);
        }
        return new String(head, 3, 8, StandardCharsets.US_ASCII).equals("NTFS    ");
    }

    /** Skips the calling test class where the drive tools are missing (CI installs them; see .ci/run). */
    public static void assumeDriveTools() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                available("mkntfs", "ntfscp", "ntfsfallocate", "ntfscat", "dislocker-file", "cryptsetup"),
                "the drive tests need the Debian packages ntfs-3g, dislocker and cryptsetup-bin (.ci/run installs them)");
    }

    public static boolean available(String... tools) {
        for (String tool : tools) {
            boolean found = List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin").stream()
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
