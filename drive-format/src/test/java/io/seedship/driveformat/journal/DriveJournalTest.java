package io.seedship.driveformat.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriveJournalTest {

    @TempDir
    Path dir;

    @Test
    void keepsEntriesAcrossReopening() throws Exception {
        Path file = dir.resolve("d/WD1.journal");
        try (DriveJournal journal = DriveJournal.open(file)) {
            journal.append("plan", "ABC");
            journal.append("blocks", "0", "0:AA", "1:BB");
        }
        try (DriveJournal journal = DriveJournal.open(file)) {
            assertThat(journal.entries()).hasSize(2);
            assertThat(journal.entries("blocks").get(0)).containsExactly("blocks", "0", "0:AA", "1:BB");
            assertThat(journal.has("layout")).isFalse();
        }
    }

    @Test
    void ignoresATornOrDamagedLastLine() throws Exception {
        Path file = dir.resolve("WD2.journal");
        try (DriveJournal journal = DriveJournal.open(file)) {
            journal.append("plan", "ABC");
            journal.append("blocks", "0", "0:AA");
        }
        // power lost in the middle of the next append
        Files.writeString(file, "blocks 0 1:BB 1a2b", StandardOpenOption.APPEND);
        try (DriveJournal journal = DriveJournal.open(file)) {
            assertThat(journal.entries()).hasSize(2);
            journal.append("blocks", "0", "1:CC");
        }
        try (DriveJournal journal = DriveJournal.open(file)) {
            assertThat(journal.entries("blocks")).hasSize(2);
            assertThat(journal.entries("blocks").get(1)).containsExactly("blocks", "0", "1:CC");
        }
        // a flipped byte in a complete line ends the journal there
        String text = Files.readString(file).replace("0:AA", "0:AB");
        Files.writeString(file, text);
        try (DriveJournal journal = DriveJournal.open(file)) {
            assertThat(journal.entries()).hasSize(1);
        }
    }

    @Test
    void refusesFieldsThatWouldBreakTheFormat() throws Exception {
        try (DriveJournal journal = DriveJournal.open(dir.resolve("WD3.journal"))) {
            assertThatThrownBy(() -> journal.append("plan", "a b")).isInstanceOf(IllegalArgumentException.class);
            journal.append("plan", "x");
            journal.reset();
            assertThat(journal.entries()).isEmpty();
        }
        assertThat(Files.size(dir.resolve("WD3.journal"))).isZero();
    }
}
