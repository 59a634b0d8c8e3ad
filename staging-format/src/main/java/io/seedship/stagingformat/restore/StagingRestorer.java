package io.seedship.stagingformat.restore;

import io.seedship.stagingformat.FileDigest;
import io.seedship.stagingformat.FileHash;
import io.seedship.stagingformat.ManifestCursor;
import io.seedship.stagingformat.ManifestEntry;
import io.seedship.stagingformat.ManifestException;
import io.seedship.stagingformat.ManifestHeader;
import io.seedship.stagingformat.ManifestReader;
import io.seedship.stagingformat.Segment;
import io.seedship.stagingformat.StagingManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * Reads a staging back: checks the manifest against its {@code .sha256}, each chunk against its size and block MD5s
 * (and its whole MD5 in format 1), each zstd frame against its XXH64, and each file against its hash (XXH3-128, or
 * SHA-256 as the manifest says), and either recreates the tree ({@link #restore}) or only checks ({@link #verify}).
 * A failure names the block, frame or file, and the block when a damaged chunk was the cause. One sequential pass over the chunks; memory does not grow with the number of files.
 *
 * <p>Restored: directories (also empty ones), files, symlinks (with their target text), modes and mtimes (directory
 * mtimes after their contents). Not recorded, so not restored: owners, ACLs, extended attributes; fifos, sockets and
 * devices are listed as skipped.
 */
public final class StagingRestorer {

    private final boolean unixView = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private final boolean posixView = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** Recreates the staged tree in {@code target}, which must be missing or empty. */
    public RestoreReport restore(Path stagingDir, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> children = Files.list(target)) {
            if (children.findAny().isPresent()) {
                throw new FileAlreadyExistsException(target.toString(), null, "the restore target must be empty");
            }
        }
        return run(stagingDir, target.toAbsolutePath().normalize());
    }

    /** Checks everything a restore would, writing nothing. */
    public RestoreReport verify(Path stagingDir) throws IOException {
        return run(stagingDir, null);
    }

    private record OpenDirectory(String path, Path file, ManifestEntry entry) {
    }

    private RestoreReport run(Path stagingDir, Path target) throws IOException {
        String manifestSha = StagingManifest.checkHash(stagingDir);
        Path manifest = stagingDir.resolve(StagingManifest.FILE_NAME);
        ManifestHeader header = ManifestReader.readHeader(manifest);
        long entries = 0;
        long files = 0;
        long bytes = 0;
        long skipped = 0;
        Deque<OpenDirectory> open = new ArrayDeque<>();
        byte[] buffer = new byte[1 << 20];
        int chunks;
        try (ManifestCursor<ManifestEntry> list = ManifestReader.entries(manifest);
             ChunkStream stream = new ChunkStream(stagingDir, ManifestReader.chunks(manifest), header.blockBytes())) {
            for (ManifestEntry e = list.next(); e != null; e = list.next()) {
                entries++;
                checkPath(e.path());
                while (!open.isEmpty() && !e.path().startsWith(open.peek().path + "/")) {
                    close(open.pop());
                }
                String parent = e.path().contains("/") ? e.path().substring(0, e.path().lastIndexOf('/')) : "";
                if (!parent.equals(open.isEmpty() ? "" : open.peek().path)) {
                    throw new ManifestException("manifest entry " + e.path() + " does not follow its directory "
                            + parent + ": entries must come in walk order, each directory before its contents");
                }
                Path file = target == null ? null : target.resolve(e.path());
                switch (e.kind()) {
                    case DIRECTORY -> {
                        if (file != null) {
                            Files.createDirectory(file);
                        }
                        open.push(new OpenDirectory(e.path(), file, e));
                    }
                    case FILE -> {
                        copy(e, header.fileHash(), stream, file, buffer);
                        files++;
                        bytes += e.size();
                    }
                    case SYMLINK -> {
                        if (file != null) {
                            Files.createSymbolicLink(file, file.getFileSystem().getPath(e.linkTarget()));
                            setTimes(file, e);
                        }
                    }
                    case OTHER -> skipped++;
                }
            }
            while (!open.isEmpty()) {
                close(open.pop());
            }
            stream.finish();
            chunks = stream.chunksRead();
        }
        if (entries != header.totals().entries() || files != header.totals().files()
                || bytes != header.totals().sourceBytes() || chunks != header.totals().chunks()) {
            throw new ManifestException(manifest + " totals (" + header.totals() + ") do not match its lists ("
                    + entries + " entries, " + files + " files, " + bytes + " bytes, " + chunks + " chunks)");
        }
        return new RestoreReport(manifestSha, entries, files, bytes, chunks, skipped);
    }

    private void copy(ManifestEntry e, FileHash fileHash, ChunkStream stream, Path file, byte[] buffer)
            throws IOException {
        if (e.digest() == null) {
            throw new ManifestException(e.path() + " has no " + fileHash.label + " in the manifest (staged with hashing"
                    + " disabled)");
        }
        if (e.digest().hash() != fileHash) {
            throw new ManifestException(e.path() + " carries " + e.digest().hash().label + " but the manifest's checks"
                    + " say files carry " + fileHash.label);
        }
        long segmentBytes = e.segments().stream().mapToLong(Segment::length).sum();
        if (segmentBytes != e.size() || (e.size() > 0 && e.streamOffset() != stream.position())) {
            throw new ManifestException(e.path() + ": its segments (" + segmentBytes + " bytes at stream offset "
                    + e.streamOffset() + ") do not follow the entries before it (stream offset " + stream.position()
                    + ", size " + e.size() + ")");
        }
        FileHash.Hasher hasher = fileHash.newHasher();
        try (OutputStream out = file == null ? OutputStream.nullOutputStream()
                : Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long left = e.size();
            while (left > 0) {
                int n = stream.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new ManifestException(e.path() + ": the chunks end " + left + " bytes before the file does");
                }
                hasher.update(buffer, 0, n);
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        FileDigest actual = hasher.digest();
        if (!actual.hex().equals(e.digest().hex())) {
            throw stream.diagnose(e.path() + " (stream bytes " + e.streamOffset() + " to " + (e.streamOffset()
                    + e.size()) + "): restored bytes have " + actual + ", the manifest records " + e.digest().hex()
                    + (file == null ? "" : " (" + file + ")"), null);
        }
        if (file != null) {
            setMode(file, e);
            setTimes(file, e);
        }
    }

    private void close(OpenDirectory dir) throws IOException {
        if (dir.file != null) {
            setMode(dir.file, dir.entry);
            setTimes(dir.file, dir.entry);
        }
    }

    private void setMode(Path file, ManifestEntry e) throws IOException {
        if (e.mode() == null) {
            return;
        }
        int mode = Integer.parseInt(e.mode(), 8);
        if (unixView) {
            Files.setAttribute(file, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        } else if (posixView) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(rwx(mode)));
        }
    }

    private static void setTimes(Path file, ManifestEntry e) throws IOException {
        Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(e.mtime()), null, null);
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder(9);
        for (int shift = 6; shift >= 0; shift -= 3) {
            s.append((mode >> shift & 4) != 0 ? 'r' : '-');
            s.append((mode >> shift & 2) != 0 ? 'w' : '-');
            s.append((mode >> shift & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }

    /** A manifest is input: its paths must stay inside the target. */
    public static void checkPath(String path) throws ManifestException {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0 && isWindows()) {
            throw new ManifestException("manifest entry path '" + path + "' must be relative");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new ManifestException("manifest entry path '" + path + "' has an empty, '.' or '..' component");
            }
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }
}
