package io.seedship.staging.source;

import io.seedship.stagingformat.EntryKind;
import io.seedship.stagingformat.SourceEntry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A local directory tree, walked depth-first with each directory's names sorted by Unicode code point (the order of
 * their UTF-8 bytes), a directory before its contents. Symlinks are recorded, never followed; fifos, sockets and
 * devices are recorded as skipped.
 *
 * <p>Memory: the walk holds the sorted listings of the directories on the current path (one listing per level), never
 * the whole tree.
 */
public final class DirectoryTreeSource implements BackupSource {

    /** Code point order, so the walk order matches a byte-wise sort of the UTF-8 names. */
    static final Comparator<String> NAME_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final Path root;
    private final boolean unixView;

    public DirectoryTreeSource(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new UnreadableSourceException(absolute.toString(), "the source root must be an existing directory", null);
        }
        this.root = absolute;
        this.unixView = FileSystems.getDefault().supportedFileAttributeViews().contains("unix")
                && absolute.getFileSystem().equals(FileSystems.getDefault());
    }

    public Path root() {
        return root;
    }

    @Override
    public String description() {
        return "directory " + root;
    }

    @Override
    public SourceScan scan() throws IOException {
        long entries = 0;
        long files = 0;
        long bytes = 0;
        long skipped = 0;
        try (SourceWalk walk = walk()) {
            for (SourceEntry e = walk.next(); e != null; e = walk.next()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("the scan of " + root + " was interrupted at " + e.path());
                }
                entries++;
                switch (e.kind()) {
                    case FILE -> {
                        if (!Files.isReadable(root.resolve(e.path()))) {
                            throw new UnreadableSourceException(root.resolve(e.path()).toString(),
                                    "file cannot be read (permission denied)", null);
                        }
                        files++;
                        bytes += e.size();
                    }
                    case OTHER -> skipped++;
                    default -> { }
                }
            }
        }
        return new SourceScan(entries, files, bytes, skipped);
    }

    @Override
    public SourceWalk walk() throws IOException {
        return new TreeWalk();
    }

    @Override
    public ReadableByteChannel open(SourceEntry file) throws IOException {
        if (!file.isFile()) {
            throw new IllegalArgumentException(file.path() + " is a " + file.kind() + ", not a file");
        }
        Path path = root.resolve(file.path());
        try {
            // NOFOLLOW: a file swapped for a symlink since the walk must not be read through the link
            return FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UnreadableSourceException(path.toString(), "cannot open the file", e);
        }
    }

    @Override
    public SourceEntry stat(SourceEntry entry) throws IOException {
        Path path = root.resolve(entry.path());
        try {
            return describe(path, entry.path());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private SourceEntry describe(Path path, String relative) throws IOException {
        if (!unixView) {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Instant mtime = a.lastModifiedTime().toInstant();
            if (a.isDirectory()) {
                return SourceEntry.directory(relative, null, mtime);
            } else if (a.isRegularFile()) {
                return SourceEntry.file(relative, a.size(), null, mtime);
            } else if (a.isSymbolicLink()) {
                return SourceEntry.symlink(relative, Files.readSymbolicLink(path).toString(), null, mtime);
            }
            return SourceEntry.other(relative, "not a regular file, directory or symlink", null, mtime);
        }
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        String octal = String.format("%04o", mode & 07777);
        Instant mtime = ((FileTime) a.get("lastModifiedTime")).toInstant();
        return switch (mode & FileTypes.S_IFMT) {
            case FileTypes.S_IFDIR -> SourceEntry.directory(relative, octal, mtime);
            case FileTypes.S_IFREG -> SourceEntry.file(relative, (Long) a.get("size"), octal, mtime);
            case FileTypes.S_IFLNK -> SourceEntry.symlink(relative, Files.readSymbolicLink(path).toString(), octal, mtime);
            case FileTypes.S_IFIFO -> SourceEntry.other(relative, "fifo: not a regular file, directory or symlink", octal, mtime);
            case FileTypes.S_IFSOCK -> SourceEntry.other(relative, "socket: not a regular file, directory or symlink", octal, mtime);
            case FileTypes.S_IFCHR -> SourceEntry.other(relative, "character device: not staged", octal, mtime);
            case FileTypes.S_IFBLK -> SourceEntry.other(relative, "block device: not staged", octal, mtime);
            default -> SourceEntry.other(relative, "unknown file type " + Integer.toOctalString(mode & FileTypes.S_IFMT), octal, mtime);
        };
    }

    private List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                names.add(child.getFileName().toString());
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            throw new UnreadableSourceException(dir.toString(), "cannot list the directory", e);
        }
        names.sort(NAME_ORDER);
        return names;
    }

    /** Depth-first, preorder; one frame per directory on the current path. */
    private final class TreeWalk implements SourceWalk {

        private record Frame(String prefix, Iterator<String> names) {
        }

        private final Deque<Frame> stack = new ArrayDeque<>();

        TreeWalk() throws IOException {
            stack.push(new Frame("", list(root).iterator()));
        }

        @Override
        public SourceEntry next() throws IOException {
            while (!stack.isEmpty()) {
                Frame top = stack.peek();
                if (!top.names.hasNext()) {
                    stack.pop();
                    continue;
                }
                String relative = top.prefix + top.names.next();
                Path path = root.resolve(relative);
                if (LongPaths.tooLong(path)) {
                    // a path intake accepted can grow too long later (a directory renamed above it)
                    throw new UnreadableSourceException(path.toString(), LongPaths.rule(path) + "; shorten it or move"
                            + " it out of the source, then retry", null);
                }
                SourceEntry entry;
                try {
                    entry = describe(path, relative);
                } catch (IOException e) {
                    throw new UnreadableSourceException(path.toString(), "cannot read its attributes", e);
                }
                if (entry.kind() == EntryKind.DIRECTORY) {
                    stack.push(new Frame(relative + "/", list(path).iterator()));
                }
                return entry;
            }
            return null;
        }

        @Override
        public void close() {
            stack.clear();
        }
    }
}
