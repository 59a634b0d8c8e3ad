package io.seedship.staging.chunks;

import io.seedship.staging.source.BackupSource;
import java.io.IOException;

/**
 * Decides where a write starts, from the journal an interrupted write left: every journaled chunk is re-verified
 * (size and block MD5s) and kept up to the first one that fails; everything after it is deleted; the entries file is cut
 * back to the kept chunks; and when the source changed in the part already staged, the staging starts over.
 */
final class ResumePlanner {

    private final StagingDirectory dir;
    private final Journal journal;
    private final ProgressListener listener;

    ResumePlanner(StagingDirectory dir, Journal journal, ProgressListener listener) {
        this.dir = dir;
        this.journal = journal;
        this.listener = listener;
    }

    ResumePlan plan(BackupSource source, JournalRecord.Start wanted) throws IOException, InterruptedException {
        if (journal.length() == 0) {
            return fresh(wanted);
        }
        Journal.Cursor cursor = journal.read();
        if (!(cursor.next() instanceof JournalRecord.Start start)) {
            listener.notice(journal.path() + " has no readable start record: starting over");
            return fresh(wanted);
        }
        if (!start.source().equals(wanted.source())) {
            throw new IOException(dir.path() + " holds an unfinished staging of '" + start.source() + "', not of '"
                    + wanted.source() + "': stage into another directory, or delete that one");
        }
        if (!start.equals(wanted)) {
            listener.notice("the options differ from the interrupted staging's (" + start + " then, " + wanted
                    + " now): starting over");
            return fresh(wanted);
        }
        JournalRecord.Chunk last = null;
        JournalRecord.End end = null;
        long good = cursor.goodLength();
        String damage = null;
        for (JournalRecord r = cursor.next(); r != null; r = cursor.next()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while verifying the kept chunks");
            }
            if (r instanceof JournalRecord.Chunk c) {
                long expectedOffset = last == null ? 0 : last.streamOffset() + last.streamLength();
                int expected = last == null ? 1 : last.chunk() + 1;
                if (c.chunk() != expected || c.streamOffset() != expectedOffset) {
                    damage = "the journal's record of chunk " + c.chunk() + " is out of sequence";
                    break;
                }
                damage = ChunkCheck.problem(dir.chunk(c.chunk()), c.size(), start.blockBytes(), c.blockMd5s());
                if (damage != null) {
                    break;
                }
                last = c;
                good = cursor.goodLength();
            } else if (r instanceof JournalRecord.End e && e.chunks() == (last == null ? 0 : last.chunk())) {
                end = e;
                good = cursor.goodLength();
                break;
            } else {
                damage = "the journal holds an unexpected record " + r;
                break;
            }
        }
        int kept = last == null ? 0 : last.chunk();
        if (cursor.problem() != null) {
            listener.notice(journal.path() + ": " + cursor.problem() + " ignored (a write cut short)");
        }
        if (damage != null) {
            listener.notice(damage + ": keeping chunks 1-" + kept + " and redoing the rest");
        }
        journal.truncate(good);
        int deleted = dir.deleteChunksAfter(kept);
        dir.sync();
        ResumePoint from = last == null ? ResumePoint.START : last.resume();
        if (end != null) {
            listener.notice("all " + kept + " chunks verified; writing the manifest");
            return new ResumePlan(from, kept, end);
        }
        String change = ResumeCheck.firstChange(source, dir.entries(), from);
        if (change != null) {
            listener.notice("the source changed since the interrupted staging (" + change + "): starting over");
            return fresh(wanted);
        }
        listener.notice("resuming after chunk " + kept + " (" + from.bytesDone() + " source bytes kept"
                + (from.path() == null ? "" : ", continuing in " + from.path() + " at byte " + from.offset())
                + "); " + deleted + " unfinished chunk file(s) deleted");
        return new ResumePlan(from, kept, null);
    }

    private ResumePlan fresh(JournalRecord.Start wanted) throws IOException {
        journal.truncate(0);
        dir.clear();
        journal.append(wanted);
        return ResumePlan.FRESH;
    }
}
