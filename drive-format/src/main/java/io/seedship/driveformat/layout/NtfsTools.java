package io.seedship.driveformat.layout;

import io.seedship.driveformat.DriveException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ntfs-3g tools (Debian package ntfs-3g) that build the plaintext NTFS volume: mkntfs formats, ntfscp creates files,
 * ntfsfallocate reserves their clusters without writing them. They work on an unmounted device or image, no FUSE.
 */
public final class NtfsTools {

    private static final long TIMEOUT_SECONDS = 600;

    private final Path empty;

    /** @param scratch a directory for the empty file ntfscp copies to create a file */
    public NtfsTools(Path scratch) throws IOException {
        this.empty = scratch.resolve("seedship-empty");
        java.nio.file.Files.write(empty, new byte[0]);
    }

    /** Quick format (no zeroing), 512-byte sectors and 4 KiB clusters, no partition geometry (a bare volume). */
    public void format(Path device, String label) throws IOException {
        run(device, "mkntfs", "-F", "-Q", "-q", "-s", "512", "-c", "4096", "-p", "0", "-H", "0", "-S", "0", "-L", label,
                device.toString());
    }

    /** Copies a local file into the volume; {@code target} is a Windows-style path in the root ("\name"). */
    public void copy(Path device, Path source, String target) throws IOException {
        run(device, "ntfscp", "-q", device.toString(), source.toString(), posix(target));
    }

    /** Creates an empty file and reserves {@code length} bytes of clusters for it (initialized size stays 0). */
    public void createPreallocated(Path device, String target, long length) throws IOException {
        copy(device, empty, target);
        run(device, "ntfsfallocate", "-q", "-l", Long.toString(length), device.toString(), posix(target));
    }

    private static String posix(String windowsPath) {
        return windowsPath.replace('\\', '/');
    }

    /** The tool's full path: root's sbin directories are not on every PATH. */
    public static String locate(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return tool;
    }

    private static void run(Path device, String... command) throws IOException {
        command[0] = locate(command[0]);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new DriveException(device.toString(), command[0] + " cannot be run (install the Debian package ntfs-3g): "
                    + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DriveException(device.toString(), command[0] + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new DriveException(device.toString(), String.join(" ", tail(command)) + " failed (exit "
                        + process.exitValue() + "): " + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DriveException(device.toString(), command[0] + " interrupted");
        }
    }

    private static List<String> tail(String[] command) {
        List<String> shown = new ArrayList<>(List.of(command));
        return shown.subList(0, Math.min(shown.size(), 12));
    }
}
