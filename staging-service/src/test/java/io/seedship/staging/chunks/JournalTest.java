package io.seedship.staging.chunks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import io.seedship.stagingformat.FileHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private static final JournalRecord.Start START = new JournalRecord.Start(2, "directory /data", 1 << 20, 3, 4 << 20,
            FileHash.XXH3_128, true);

    private static JournalRecord.Chunk chunk(int n) {
        return new JournalRecord.Chunk(n, 100 + n, n * 10L, 10,
                new ResumePoint(n, 5, "dir/é file", 50, "2024-01-02T03:04:05.123456789Z", 77, n * 10L + 10, n),
                List.of("0123456789abcdef0123456789abcdef"));
    }

    private static List<JournalRecord> readAll(Journal journal) throws Exception {
        List<JournalRecord> records = new ArrayList<>();
        Journal.Cursor cursor = journal.read();
        for (JournalRecord r = cursor.next(); r != null; r = cursor.next()) {
            records.add(r);
        }
        return records;
    }

    @Test
    void recordsReadBackAsWritten() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            journal.append(START);
            journal.append(chunk(1));
            journal.append(new JournalRecord.End(10, 5, 3, 1, 1, 1234, 1, 999));
        }
        try (Journal journal = Journal.open(dir)) {
            assertThat(readAll(journal)).containsExactly(START, chunk(1),
                    new JournalRecord.End(10, 5, 3, 1, 1, 1234, 1, 999));
        }
    }

    @Test
    void aTornOrDamagedLineEndsTheJournalAndIsCutOff() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            journal.append(START);
            journal.append(chunk(1));
        }
        Path file = dir.resolve(Journal.FILE_NAME);
        long good = Files.size(file);
        Files.writeString(file, "{\"type\":\"chunk\",\"chu", StandardOpenOption.APPEND);
        try (Journal journal = Journal.open(dir)) {
            Journal.Cursor cursor = journal.read();
            assertThat(cursor.next()).isEqualTo(START);
            assertThat(cursor.next()).isEqualTo(chunk(1));
            assertThat(cursor.next()).isNull();
            assertThat(cursor.problem()).contains("torn last line");
            assertThat(cursor.goodLength()).isEqualTo(good);
            journal.truncate(cursor.goodLength());
            journal.append(chunk(2));
            assertThat(readAll(journal)).containsExactly(START, chunk(1), chunk(2));
        }
        // a flipped bit in a complete line fails its CRC
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("\"chunk\":2", "\"chunk\":3"), StandardCharsets.UTF_8);
        try (Journal journal = Journal.open(dir)) {
            Journal.Cursor cursor = journal.read();
            cursor.next();
            cursor.next();
            assertThat(cursor.next()).isNull();
            assertThat(cursor.problem()).contains("damaged line");
        }
    }

    @Test
    void aSecondWriterIsRefused() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            assertThatThrownBy(() -> Journal.open(dir)).hasMessageContaining("being staged by another writer");
        }
    }
}
