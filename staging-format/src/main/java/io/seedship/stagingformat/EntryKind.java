package io.seedship.stagingformat;

/** What a source entry is; only {@link #FILE} entries carry bytes. */
public enum EntryKind {
    /** Recorded so that empty directories, modes and mtimes are restored. */
    DIRECTORY,
    FILE,
    /** Recorded with its target text, never followed. */
    SYMLINK,
    /** A fifo, socket or device: not staged, listed in the manifest as skipped with the reason. */
    OTHER
}
