package io.seedship.stagingformat;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a backup source, as the walk saw it.
 *
 * @param path       relative to the source root, '/'-separated, names exactly as the file system gives them
 * @param kind       what the entry is
 * @param size       byte count of a {@link EntryKind#FILE}; 0 for every other kind
 * @param mode       POSIX mode as four octal digits ("0644", "4755"); null when the file store has no POSIX view
 * @param mtime      last modification time, with the file system's precision (nanoseconds on Linux)
 * @param linkTarget the target text of a {@link EntryKind#SYMLINK}, else null
 * @param skipReason why an {@link EntryKind#OTHER} entry is not staged ("fifo", "socket", ...), else null
 */
public record SourceEntry(String path, EntryKind kind, long size, String mode, Instant mtime, String linkTarget,
                          String skipReason) {

    public SourceEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mtime, "mtime");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("entry path '" + path + "' must be relative, non-empty and not end with /");
        }
        if (size < 0 || (kind != EntryKind.FILE && size != 0)) {
            throw new IllegalArgumentException(path + ": size " + size + " is not valid for a " + kind);
        }
        if ((kind == EntryKind.SYMLINK) != (linkTarget != null)) {
            throw new IllegalArgumentException(path + ": a link target is given exactly for symlinks");
        }
        if ((kind == EntryKind.OTHER) != (skipReason != null)) {
            throw new IllegalArgumentException(path + ": a skip reason is given exactly for OTHER entries");
        }
    }

    public static SourceEntry directory(String path, String mode, Instant mtime) {
        return new SourceEntry(path, EntryKind.DIRECTORY, 0, mode, mtime, null, null);
    }

    public static SourceEntry file(String path, long size, String mode, Instant mtime) {
        return new SourceEntry(path, EntryKind.FILE, size, mode, mtime, null, null);
    }

    public static SourceEntry symlink(String path, String target, String mode, Instant mtime) {
        return new SourceEntry(path, EntryKind.SYMLINK, 0, mode, mtime, target, null);
    }

    public static SourceEntry other(String path, String reason, String mode, Instant mtime) {
        return new SourceEntry(path, EntryKind.OTHER, 0, mode, mtime, null, reason);
    }

    public boolean isFile() {
        return kind == EntryKind.FILE;
    }

    /** True when size, mtime and kind are the same: the test used to tell that a source changed. */
    public boolean sameContentStamp(SourceEntry other) {
        return other != null && path.equals(other.path) && kind == other.kind && size == other.size
                && mtime.equals(other.mtime) && Objects.equals(linkTarget, other.linkTarget);
    }
}
