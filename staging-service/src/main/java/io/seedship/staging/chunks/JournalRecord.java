package io.seedship.staging.chunks;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.seedship.stagingformat.FileHash;
import java.util.List;

/** The lines of the journal: one start, then one per completed chunk, then one end. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JournalRecord.Start.class, name = "start"),
        @JsonSubTypes.Type(value = JournalRecord.Chunk.class, name = "chunk"),
        @JsonSubTypes.Type(value = JournalRecord.End.class, name = "end")})
sealed interface JournalRecord {

    /** What is being staged and how; a resume needs the same. */
    record Start(int formatVersion, String source, long chunkTargetBytes, int zstdLevel, int blockBytes,
                 FileHash fileHash, boolean hashing) implements JournalRecord {
    }

    /** A chunk file, renamed into place and synced, and where the reader stood after its last block. */
    record Chunk(int chunk, long size, long streamOffset, long streamLength, ResumePoint resume,
                 List<String> blockMd5s) implements JournalRecord {
    }

    /** Every byte is in the chunks; the totals of the whole walk. */
    record End(long entries, long files, long directories, long symlinks, long skipped, long sourceBytes, int chunks,
               long entriesLength) implements JournalRecord {
    }
}
