package io.seedship.staging.chunks;

import io.seedship.stagingformat.ManifestChunk;
import io.seedship.stagingformat.ManifestCursor;
import io.seedship.stagingformat.ManifestEntry;
import io.seedship.stagingformat.ManifestException;
import io.seedship.stagingformat.ManifestHeader;
import io.seedship.stagingformat.ManifestReader;
import io.seedship.stagingformat.StagingManifest;
import io.seedship.staging.source.BackupSource;
import io.seedship.stagingformat.EntryKind;
import java.io.IOException;

/** A staging directory that already holds a manifest: verified, never rewritten. */
final class CompletedStaging {

    private CompletedStaging() {
    }

    static StagingResult verify(StagingDirectory dir, BackupSource source, ProgressListener listener)
            throws IOException, InterruptedException {
        String sha256 = StagingManifest.checkHash(dir.path());
        ManifestHeader header = ManifestReader.readHeader(dir.manifest());
        if (!header.source().equals(source.description())) {
            throw new IOException(dir.path() + " holds a completed staging of '" + header.source() + "', not of '"
                    + source.description() + "': stage into another directory");
        }
        int count = 0;
        try (ManifestCursor<ManifestChunk> chunks = ManifestReader.chunks(dir.manifest())) {
            for (ManifestChunk c = chunks.next(); c != null; c = chunks.next()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while verifying " + c.name());
                }
                String problem = ChunkCheck.problem(dir.chunk(c.number()), c.size(), header.blockBytes(),
                        c.blockMd5s());
                if (problem != null) {
                    throw new ManifestException(problem + ": the completed staging in " + dir.path()
                            + " is damaged; delete it and stage again");
                }
                count++;
            }
        }
        if (count != header.totals().chunks()) {
            throw new ManifestException(dir.manifest() + " lists " + count + " chunks but its totals say "
                    + header.totals().chunks());
        }
        listener.notice(dir.path() + " already holds this staging; its manifest and " + count + " chunks verified");
        var t = header.totals();
        listener.progress(new StagingProgress(t.sourceBytes(), t.sourceBytes(), t.files(), t.files(), t.chunks(), 0, true));
        StagingResult.SkippedList skipped = new StagingResult.SkippedList();
        if (t.skipped() > 0) {
            try (ManifestCursor<ManifestEntry> entries = ManifestReader.entries(dir.manifest())) {
                for (ManifestEntry e = entries.next(); e != null; e = entries.next()) {
                    if (e.kind() == EntryKind.OTHER) {
                        skipped.add(e.path(), e.skipReason());
                        if (skipped.listed().size() == StagingResult.SKIPPED_LISTED) {
                            break;
                        }
                    }
                }
            }
        }
        return new StagingResult(dir.manifest(), sha256, t.sourceBytes(), t.stagedBytes(), t.files(), t.chunks(),
                skipped.listed(), t.skipped());
    }
}
