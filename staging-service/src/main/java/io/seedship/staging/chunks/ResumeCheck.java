package io.seedship.staging.chunks;

import io.seedship.stagingformat.ManifestCursor;
import io.seedship.stagingformat.ManifestEntry;
import io.seedship.staging.source.BackupSource;
import io.seedship.stagingformat.SourceEntry;
import io.seedship.staging.source.SourceWalk;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Tells whether the part of the source already staged is unchanged: walks the source and the entries file side by
 * side up to the resume point and compares path, kind, size, mtime and symlink target. Streams both; holds neither.
 */
final class ResumeCheck {

    private ResumeCheck() {
    }

    /** Null when the staged part is unchanged, else the first difference, naming the path. */
    static String firstChange(BackupSource source, Path entriesFile, ResumePoint from) throws IOException,
            InterruptedException {
        if (from.entry() == 0 && from.offset() == 0) {
            return null;
        }
        long length = java.nio.file.Files.exists(entriesFile) ? java.nio.file.Files.size(entriesFile) : -1;
        if (length < from.entriesLength()) {
            return entriesFile + " holds " + Math.max(length, 0) + " bytes, fewer than the " + from.entriesLength()
                    + " the journal records";
        }
        try (SourceWalk walk = source.walk();
             ManifestCursor<ManifestEntry> staged = EntriesFile.read(entriesFile, from.entriesLength())) {
            for (long i = 0; i < from.entry(); i++) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while checking the source against the staged entries");
                }
                ManifestEntry then = staged.next();
                if (then == null) {
                    return "the entries file ends at entry " + i + " of " + from.entry();
                }
                SourceEntry now = walk.next();
                if (now == null) {
                    return then.path() + " and the entries after it no longer exist";
                }
                SourceEntry before = then.toSourceEntry();
                if (!before.sameContentStamp(now)) {
                    return difference(before, now);
                }
            }
            if (staged.next() != null) {
                return "the entries file holds more than the " + from.entry() + " entries the journal records";
            }
            if (from.path() != null) {
                SourceEntry now = walk.next();
                if (now == null || !now.path().equals(from.path())) {
                    return from.path() + " no longer comes next in the walk (found " + (now == null ? "nothing" : now.path()) + ")";
                }
                if (!now.isFile() || now.size() != from.size() || !now.mtime().toString().equals(from.mtime())) {
                    return from.path() + " changed (size " + from.size() + " -> " + now.size() + ", mtime "
                            + from.mtime() + " -> " + now.mtime() + ")";
                }
            }
        }
        return null;
    }

    private static String difference(SourceEntry before, SourceEntry now) {
        if (!before.path().equals(now.path())) {
            return "the walk now finds " + now.path() + " where " + before.path() + " was";
        }
        return before.path() + " changed (" + before.kind() + " size " + before.size() + " mtime " + before.mtime()
                + " -> " + now.kind() + " size " + now.size() + " mtime " + now.mtime() + ")";
    }
}
