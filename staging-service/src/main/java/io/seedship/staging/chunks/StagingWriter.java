package io.seedship.staging.chunks;

import io.seedship.stagingformat.StagingManifest;
import io.seedship.staging.source.BackupSource;
import io.seedship.staging.source.DirectoryTreeSource;
import io.seedship.staging.source.SourceScan;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the initial backup to the staging location: the source's file bytes, in walk order, as one stream cut into
 * blocks, each compressed as an independent zstd frame, the frames appended to chunk files
 * ({@code chunk-000001.zst}, ...) of about {@link StagingOptions#chunkTargetBytes()} each, then the
 * {@value StagingManifest#FILE_NAME} and its {@code .sha256}.
 *
 * <p>Resumable: after a crash or kill, {@link #write} on the same directory keeps every chunk the journal records
 * (after checking its size and block MD5s) and goes on from there; it starts over when the part already staged changed in
 * the source. On a completed directory it verifies and returns the result without writing anything.
 *
 * <p>Memory is bounded by {@link StagingOptions#threads()}: {@code threads + 3} source blocks of {@code blockBytes}
 * and {@code 2 x threads + 2} frames of about {@code blockBytes} (direct buffers), whatever the number of files.
 */
public final class StagingWriter {

    private static final System.Logger LOG = System.getLogger(StagingWriter.class.getName());

    private final StagingOptions options;
    private final boolean hashing;

    public StagingWriter(StagingOptions options) {
        this(options, true);
    }

    private StagingWriter(StagingOptions options, boolean hashing) {
        this.options = options;
        this.hashing = hashing;
    }

    /**
     * A writer that skips the file hash and the block MD5s, to measure what hashing costs. Its output cannot be verified
     * or restored with checks; not for real stagings.
     */
    StagingWriter withoutHashing() {
        return new StagingWriter(options, false);
    }

    public StagingOptions options() {
        return options;
    }

    /**
     * Stages {@code source} into {@code stagingDir} (created if missing), resuming an interrupted staging there.
     *
     * @throws SourceChangedException when a file changes while it is read
     * @throws io.seedship.staging.source.UnreadableSourceException naming a path that cannot be read
     * @throws InterruptedException when the thread is interrupted; the directory is left resumable
     */
    public StagingResult write(BackupSource source, Path stagingDir, ProgressListener listener)
            throws IOException, InterruptedException {
        ProgressListener heard = logged(listener == null ? ProgressListener.NONE : listener, stagingDir);
        if (source instanceof DirectoryTreeSource tree
                && stagingDir.toAbsolutePath().normalize().startsWith(tree.root())) {
            throw new IllegalArgumentException("the staging directory " + stagingDir + " lies inside the source "
                    + tree.root() + ": the staging would stage itself; choose a directory outside the source");
        }
        Files.createDirectories(stagingDir);
        StagingDirectory dir = new StagingDirectory(stagingDir);
        try {
            if (dir.isComplete()) {
                StagingResult done = CompletedStaging.verify(dir, source, heard);
                ManifestAssembler.cleanUp(dir);
                return done;
            }
            StagingResult result;
            try (Journal journal = Journal.open(stagingDir)) {
                JournalRecord.Start start = new JournalRecord.Start(StagingManifest.FORMAT_VERSION,
                        source.description(), options.chunkTargetBytes(), options.zstdLevel(), options.blockBytes(),
                        options.fileHash(), hashing);
                SourceScan scan = source.scan();
                ResumePlan plan = new ResumePlanner(dir, journal, heard).plan(source, start);
                ProgressMeter meter = new ProgressMeter(heard, options.progressInterval(), scan.totalBytes(),
                        scan.fileCount(), plan.from().bytesDone());
                JournalRecord.End end = plan.end();
                if (end == null) {
                    end = StagingRun.run(options, hashing, source, dir, journal, plan, meter);
                }
                result = ManifestAssembler.write(dir, journal, start, end);
                meter.finish(end.sourceBytes(), end.files(), end.chunks());
            }
            ManifestAssembler.cleanUp(dir);
            return result;
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            // an interrupt that surfaced as an I/O failure (a channel closed by it, or a source that reports it so)
            InterruptedException interrupted = new InterruptedException("staging into " + stagingDir + " interrupted");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    /** Notices go to the log as well as to the listener: a resume or a start-over should be on record. */
    private static ProgressListener logged(ProgressListener listener, Path stagingDir) {
        return new ProgressListener() {
            @Override
            public void progress(StagingProgress progress) {
                listener.progress(progress);
            }

            @Override
            public void notice(String message) {
                LOG.log(System.Logger.Level.INFO, "staging into {0}: {1}", stagingDir, message);
                listener.notice(message);
            }
        };
    }
}
