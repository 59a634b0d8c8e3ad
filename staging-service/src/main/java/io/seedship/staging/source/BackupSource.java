package io.seedship.staging.source;

import io.seedship.stagingformat.EntryKind;
import io.seedship.stagingformat.SourceEntry;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;

/**
 * The data an initial backup is made of, as the staging writer sees it: a deterministic sequence of entries and the
 * bytes of the file entries.
 *
 * <p>The staging writer relies on three properties:
 * <ul>
 *   <li><b>Determinism.</b> Two walks of an unchanged source give the same entries in the same order; a resumed
 *       staging skips the entries staged before the interruption by position in that order.</li>
 *   <li><b>Stamps.</b> {@link #stat(SourceEntry)} returns the entry as it is now, so a file whose size or mtime
 *       differs after it was read is detected (the write fails), and a source that changed between an interruption
 *       and the resume is detected (the staging starts over).</li>
 *   <li><b>A stable identity.</b> {@link #description()} names the protected data, the same across runs, so the
 *       writer can tell its own interrupted staging from another source's.</li>
 * </ul>
 *
 * <p><b>Plugging in a DPM/MABS or MARS source.</b> Those agents do not read live files: MARS takes a VSS snapshot of
 * the volume and reads from the shadow copy device; DPM and MABS keep a replica volume and expose recovery points.
 * An implementation for them would, in {@link #scan()} or its constructor, create the VSS snapshot (or pick the
 * recovery point of the replica) and then walk and open files below the snapshot's root
 * ({@code \\?\GLOBALROOT\Device\HarddiskVolumeShadowCopyN\...} or the mounted recovery point), sorting each
 * directory's names like {@link DirectoryTreeSource} so the order is deterministic. Its description would name the
 * protected data source (server, volume or DPM data source id), not the snapshot, so a resume after a crash accepts a
 * new snapshot whenever the entries already staged kept their sizes and mtimes, and starts over otherwise. Because a
 * snapshot does not change while it is read, the "changed while reading" failure cannot happen there; it exists for
 * live directory trees, where the advice is to stage from a snapshot.
 */
public interface BackupSource {

    /** Identifies the protected data, stable across runs; recorded in the journal and the manifest. */
    String description();

    /**
     * Counts entries, files and bytes without reading file contents, and checks that every directory can be listed
     * and every file can be opened.
     *
     * @throws UnreadableSourceException naming the first path that cannot be listed, examined or read
     */
    SourceScan scan() throws IOException;

    /** A new walk over the entries in the source's deterministic order; the caller closes it. */
    SourceWalk walk() throws IOException;

    /** Opens a {@link EntryKind#FILE} entry for reading from its first byte. */
    ReadableByteChannel open(SourceEntry file) throws IOException;

    /**
     * The entry at the same path as it is now, or null when it no longer exists.
     */
    SourceEntry stat(SourceEntry entry) throws IOException;
}
