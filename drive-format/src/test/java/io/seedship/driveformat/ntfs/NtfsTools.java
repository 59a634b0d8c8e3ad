package io.seedship.driveformat.ntfs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real ntfs-3g tools, run on image files (tests skip when they are not installed). */
final class NtfsTools {

    private NtfsTools() {
    }

    static void assumeInstalled() {
        for (String tool : List.of("mkntfs", "ntfscp", "ntfscat", "ntfsinfo", "ntfsfallocate")) {
            assumeTrue(onPath(tool), tool + " (ntfs-3g) is not installed");
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** A sparse image of {@code bytes}, formatted as the drive writer does. */
    static Path mkntfs(Path dir, String name, long bytes) throws IOException {
        Path image = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(bytes);
        }
        run("mkntfs", "-F", "-f", "-Q", "-s", "512", "-c", "4096", image.toString());
        return image;
    }

    static void ntfscp(Path image, Path source, String destination) throws IOException {
        run("ntfscp", image.toString(), source.toString(), destination);
    }

    static byte[] ntfscat(Path image, String name) throws IOException {
        return run("ntfscat", image.toString(), name);
    }

    static void ntfsfallocate(Path image, String name, long length) throws IOException {
        run("ntfsfallocate", "-l", Long.toString(length), image.toString(), name);
    }

    static void ntfsfallocate(Path image, String name, long offset, long length) throws IOException {
        run("ntfsfallocate", "-o", Long.toString(offset), "-l", Long.toString(length), image.toString(), name);
    }

    static String ntfsinfoInode(Path image, long inode) throws IOException {
        return new String(run("ntfsinfo", "-i", Long.toString(inode), "-v", image.toString()), StandardCharsets.UTF_8);
    }

    static String ntfsinfoFile(Path image, String name) throws IOException {
        return new String(run("ntfsinfo", "-F", name, "-v", image.toString()), StandardCharsets.UTF_8);
    }

    static long freeClusters(Path image) throws IOException {
        String out = new String(run("ntfsinfo", "-m", image.toString()), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("Free Clusters:\\s+(\\d+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no Free Clusters in ntfsinfo -m output:\n" + out);
        }
        return Long.parseLong(m.group(1));
    }

    private static final Pattern RUN = Pattern.compile(
            "^\\s+0x([0-9a-f]+)\\s+(0x[0-9a-f]+|<HOLE>|<RL_NOT_MAPPED>)\\s+0x([0-9a-f]+)\\s*$");

    /** The unnamed $DATA runs ntfsinfo -v prints, over all its attribute extents, in VCN order. */
    static List<Extent> runlist(String ntfsinfo) {
        List<Extent> runs = new ArrayList<>();
        boolean inData = false;
        for (String line : ntfsinfo.split("\n")) {
            if (line.startsWith("Dumping attribute")) {
                inData = line.startsWith("Dumping attribute $DATA");
                continue;
            }
            Matcher m = RUN.matcher(line);
            if (inData && m.matches() && !m.group(2).equals("<RL_NOT_MAPPED>")) {
                long lcn = m.group(2).equals("<HOLE>") ? -1 : Long.parseLong(m.group(2).substring(2), 16);
                runs.add(new Extent(Long.parseLong(m.group(1), 16), lcn, Long.parseLong(m.group(3), 16)));
            }
        }
        return runs;
    }

    /** The first "Initialized size:" of the $DATA attribute in ntfsinfo -v output. */
    static long initializedSize(String ntfsinfo) {
        int data = ntfsinfo.indexOf("Dumping attribute $DATA");
        Matcher m = Pattern.compile("Initialized size:\\s+(\\d+)").matcher(ntfsinfo);
        if (data < 0 || !m.find(data)) {
            throw new IllegalStateException("no $DATA initialized size in:\n" + ntfsinfo);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * What the drive writer does: puts {@code data} straight into the file's clusters (skipping sparse runs)
     * and returns what the file then holds (zeros where the runs are sparse).
     */
    static byte[] writeThroughExtents(Path image, NtfsFile file, int clusterSize, byte[] data) throws IOException {
        byte[] expected = new byte[data.length];
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            for (Extent e : file.extents()) {
                long start = e.vcn() * clusterSize;
                long end = Math.min((e.vcn() + e.clusters()) * clusterSize, data.length);
                if (e.sparse() || start >= end) {
                    continue;
                }
                ByteBuffer part = ByteBuffer.wrap(data, (int) start, (int) (end - start));
                for (long at = e.lcn() * clusterSize; part.hasRemaining(); ) {
                    at += ch.write(part, at);
                }
                System.arraycopy(data, (int) start, expected, (int) start, (int) (end - start));
            }
            ch.force(false);
        }
        return expected;
    }

    /** Runs a tool; its stdout, or an exception with stderr if it fails. */
    static byte[] run(String... command) throws IOException {
        Process p = new ProcessBuilder(viaScriptIfNeeded(command)).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = readAll(p.getInputStream());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + "\n"
                    + new String(err.join(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * The JVM encodes process arguments in its native encoding: under a non-UTF-8 locale a unicode file
     * name would reach the tool as '?'. Then the command goes through a UTF-8 shell script instead.
     */
    private static String[] viaScriptIfNeeded(String[] command) throws IOException {
        boolean ascii = String.join("", command).chars().allMatch(c -> c < 0x80);
        if (ascii || "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
            return command;
        }
        StringBuilder script = new StringBuilder("exec");
        for (String arg : command) {
            script.append(" '").append(arg.replace("'", "'\\''")).append('\'');
        }
        Path file = Files.createTempFile("ntfs-tool", ".sh");
        file.toFile().deleteOnExit();
        Files.write(file, script.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        return new String[] {"sh", file.toString()};
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ntfs-3g FUSE mount, held in the foreground so unmounting waits for it to finish writing. */
    static final class Mount implements AutoCloseable {
        private final Path dir;
        private final Process process;

        private Mount(Path dir, Process process) {
            this.dir = dir;
            this.process = process;
        }

        /** Mounts, or skips the test with the reason when FUSE mounting does not work here. */
        static Mount mount(Path image, Path dir, boolean readOnly) throws IOException, InterruptedException {
            assumeTrue(onPath("ntfs-3g"), "ntfs-3g is not installed");
            assumeTrue(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse: cannot mount with ntfs-3g");
            Files.createDirectories(dir);
            String options = readOnly ? "ro,no_detach" : "no_detach";
            Process p = new ProcessBuilder("ntfs-3g", "-o", options, image.toString(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!mounted(dir)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroy();
                    assumeTrue(false, "ntfs-3g could not mount " + image + " here (exit "
                            + (p.isAlive() ? "timeout" : p.exitValue()) + "): skipping");
                }
                Thread.sleep(20);
            }
            return new Mount(dir, p);
        }

        private static boolean mounted(Path dir) throws IOException {
            String target = " " + dir.toAbsolutePath() + " ";
            return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.contains(target));
        }

        Path dir() {
            return dir;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            run("umount", dir.toString());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroy();
                throw new IOException("ntfs-3g did not exit after unmounting " + dir);
            }
        }
    }
}
