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

    /**
     * Creates an empty file and reserves {@code length} bytes of clusters for it (initialized size stays 0), in calls of
     * at most {@link #allocationChunk} bytes. One ntfsfallocate call for a large file fails on a volume with far more
     * free clusters than it asks for (ntfs-3g 2022.10.3's allocator does not search the whole volume in one call, nor
     * the MFT zone: 1 GiB after four 40 MB files on a 1200 MiB volume with 1.09 GB free); calls of a sixteenth of the
     * volume fill it to its last free clusters. ntfsfallocate exits 0 when the allocation fails: its output is read
     * instead, and a drive found full is named as such.
     */
    public void createPreallocated(Path device, String target, long length, long volumeSize) throws IOException {
        copy(device, empty, target);
        long chunk = allocationChunk(volumeSize);
        for (long offset = 0; offset < length; offset += chunk) {
            long part = Math.min(chunk, length - offset);
            String[] command = {"ntfsfallocate", "-q", "-o", Long.toString(offset), "-l", Long.toString(part),
                    device.toString(), posix(target)};
            Result result = exec(device, command);
            String output = result.output();
            // it exits 0 when the allocation fails, or dies of a segmentation fault when the file already had clusters
            if (output.contains("No space left on device") || output.toLowerCase(java.util.Locale.ROOT).contains("allocation failed")) {
                throw new DriveException(device.toString(), "is full: ntfsfallocate could not reserve bytes " + offset + " to "
                        + (offset + part) + " of " + target + " (" + length + " bytes): the drive holds less than was"
                        + " planned for it; plan again with more or larger drives (" + firstLine(output) + ")");
            }
            check(device, command, result);
        }
    }

    /** Bytes reserved per ntfsfallocate call: a sixteenth of the volume, from 16 MiB to 1 GiB. */
    static long allocationChunk(long volumeSize) {
        return Math.max(16L << 20, Math.min(1L << 30, volumeSize / 16 / 4096 * 4096));
    }

    private static String firstLine(String output) {
        for (String line : output.split("\n")) {
            if (line.contains("No space") || line.toLowerCase(java.util.Locale.ROOT).contains("fail")) {
                return line.strip();
            }
        }
        return output.strip();
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

    private record Result(int exit, String output) {
    }

    private static String run(Path device, String... command) throws IOException {
        Result result = exec(device, command);
        check(device, command, result);
        return result.output();
    }

    private static void check(Path device, String[] command, Result result) throws DriveException {
        if (result.exit() != 0) {
            throw new DriveException(device.toString(), String.join(" ", tail(command)) + " failed (exit "
                    + result.exit() + "): " + result.output().strip());
        }
    }

    private static Result exec(Path device, String... command) throws IOException {
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
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
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
