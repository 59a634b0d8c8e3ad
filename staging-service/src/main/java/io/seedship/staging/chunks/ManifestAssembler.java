package io.seedship.staging.chunks;

import io.seedship.stagingformat.ManifestChunk;
import io.seedship.stagingformat.ManifestCursor;
import io.seedship.stagingformat.ManifestEntry;
import io.seedship.stagingformat.ManifestException;
import io.seedship.stagingformat.ManifestHeader;
import io.seedship.stagingformat.ManifestTotals;
import io.seedship.stagingformat.ManifestWriter;
import io.seedship.stagingformat.Segment;
import io.seedship.stagingformat.StagingManifest;
import io.seedship.stagingformat.EntryKind;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the manifest once every chunk is journaled: the header and chunk list from the journal, then the entries
 * file with each file's segments worked out from the chunk list (both are in stream order, so one pass over each).
 * Written to a temp file, synced, then renamed, after its {@code .sha256} file.
 */
final class ManifestAssembler {

    private ManifestAssembler() {
    }

    static StagingResult write(StagingDirectory dir, Journal journal, JournalRecord.Start start, JournalRecord.End end)
            throws IOException {
        long stagedBytes = 0;
        Journal.Cursor chunks = journal.read();
        chunks.next();
        for (JournalRecord r = chunks.next(); r instanceof JournalRecord.Chunk c; r = chunks.next()) {
            stagedBytes += c.size();
        }
        ManifestTotals totals = new ManifestTotals(end.entries(), end.files(), end.directories(), end.symlinks(),
                end.skipped(), end.sourceBytes(), stagedBytes, end.chunks());
        ManifestHeader header = new ManifestHeader(StagingManifest.FORMAT_VERSION, start.source(),
                start.chunkTargetBytes(), start.zstdLevel(), start.blockBytes(), start.fileHash(), totals);

        Path temp = dir.temp(dir.manifest());
        StagingResult.SkippedList skipped = new StagingResult.SkippedList();
        String sha256;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            ManifestWriter writer = new ManifestWriter(out);
            writer.header(header);
            Journal.Cursor list = journal.read();
            list.next();
            for (JournalRecord r = list.next(); r instanceof JournalRecord.Chunk c; r = list.next()) {
                writer.chunk(new ManifestChunk(c.chunk(), StagingManifest.chunkName(c.chunk()), c.size(), null,
                        c.streamOffset(), c.streamLength(), c.blockMd5s()));
            }
            writeEntries(dir, journal, end, writer, skipped);
            sha256 = writer.finish();
            out.flush();
            channel.force(true);
        }
        Path hashTemp = dir.temp(dir.hashFile());
        try (FileChannel channel = FileChannel.open(hashTemp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(StagingManifest.hashLine(sha256).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        dir.commit(hashTemp, dir.hashFile());
        dir.commit(temp, dir.manifest());
        return new StagingResult(dir.manifest(), sha256, totals.sourceBytes(), totals.stagedBytes(), totals.files(),
                totals.chunks(), skipped.listed(), totals.skipped());
    }

    private static void writeEntries(StagingDirectory dir, Journal journal, JournalRecord.End end, ManifestWriter writer,
                                     StagingResult.SkippedList skipped) throws IOException {
        Journal.Cursor chunks = journal.read();
        chunks.next();
        JournalRecord.Chunk chunk = null;
        long count = 0;
        try (ManifestCursor<ManifestEntry> entries = EntriesFile.read(dir.entries(), end.entriesLength())) {
            for (ManifestEntry e = entries.next(); e != null; e = entries.next()) {
                count++;
                if (e.kind() == EntryKind.OTHER) {
                    skipped.add(e.path(), e.skipReason());
                }
                if (e.kind() != EntryKind.FILE || e.size() == 0) {
                    writer.entry(e);
                    continue;
                }
                List<Segment> segments = new ArrayList<>(2);
                long position = e.streamOffset();
                long left = e.size();
                while (left > 0) {
                    while (chunk == null || position >= chunk.streamOffset() + chunk.streamLength()) {
                        if (!(chunks.next() instanceof JournalRecord.Chunk next)) {
                            throw new ManifestException(e.path() + ": its bytes at stream offset " + position
                                    + " lie beyond the last journaled chunk");
                        }
                        chunk = next;
                    }
                    long take = Math.min(left, chunk.streamOffset() + chunk.streamLength() - position);
                    segments.add(new Segment(chunk.chunk(), position - chunk.streamOffset(), take));
                    position += take;
                    left -= take;
                }
                writer.entry(e.withSegments(segments));
            }
        }
        if (count != end.entries()) {
            throw new ManifestException(dir.entries() + " holds " + count + " entries, the journal's end record "
                    + end.entries());
        }
    }

    /** Deletes the journal and the entries file once the manifest is in place. */
    static void cleanUp(StagingDirectory dir) throws IOException {
        Files.deleteIfExists(dir.path().resolve(Journal.FILE_NAME));
        Files.deleteIfExists(dir.entries());
        dir.sync();
    }
}
