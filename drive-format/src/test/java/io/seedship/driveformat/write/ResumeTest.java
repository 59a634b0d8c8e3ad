package io.seedship.driveformat.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.bitlocker.EncryptionMethod;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.journal.DriveJournal;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.DriveTarget;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.driveformat.plan.SpanPlanner;
import io.seedship.driveformat.testing.Commands;
import io.seedship.driveformat.testing.DataSets;
import io.seedship.driveformat.testing.DriveChecks;
import io.seedship.driveformat.verify.DriveVerifier;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {

    static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Commands.assumeDriveTools();
    }

    private DriveWriter writer() {
        return new DriveWriter(DriveWriter.Options.defaults(dir.resolve("journal"), dir.resolve("scratch"))
                .withMethod(EncryptionMethod.AES_XTS_128).withSyncEvery(8 * MIB));
    }

    private DrivePlan plan(Path image, String id, List<SourceFile> files) throws Exception {
        return SpanPlanner.plan(files, List.of(new DriveTarget(image, id, Files.size(image)))).drives().get(0);
    }

    @Test
    void aProcessKilledMidWriteIsResumedWithoutRewritingWhatItFinished() throws Exception {
        Path image = DataSets.image(dir, "killed.img", 256 * MIB);
        List<SourceFile> files = DataSets.files(dir.resolve("src"), "seeds", 60 * MIB, 30 * MIB + 5, 100, 50 * MIB);
        Path list = dir.resolve("files.tsv");
        StringBuilder lines = new StringBuilder();
        for (SourceFile file : files) {
            lines.append(file.path()).append('\t').append(file.blobPath()).append('\t').append(file.length()).append('\n');
        }
        Files.writeString(list, lines);
        RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
        Path journal = dir.resolve("journal").resolve("KILLED-1.journal");

        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WriteDriveMain.class.getName(),
                dir.resolve("journal").toString(), dir.resolve("scratch").toString(), image.toString(), "KILLED-1", list.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        child.environment().put("SEEDSHIP_TEST_RECOVERY_PASSWORD", password.reveal());
        child.environment().put("SEEDSHIP_TEST_PAUSE_MS", "60");
        Process process = child.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int batches = 0;
        while (System.nanoTime() < deadline && process.isAlive()) {
            batches = Files.exists(journal) ? (int) Files.readAllLines(journal).stream().filter(l -> l.startsWith("blocks ")).count() : 0;
            if (batches >= 4) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(process.isAlive()).as("the writer still runs: " + Files.readString(dir.resolve("child.log"))).isTrue();
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        process.waitFor();
        assertThat(new String(Files.readAllBytes(image), 3, 8, StandardCharsets.US_ASCII))
                .as("a drive cut off half way is marked incomplete").isEqualTo("SEEDSHIP");
        assertThatThrownBy(() -> DriveVerifier.verify(image, password, ProgressListener.NONE))
                .hasMessageContaining("was not finished");

        DrivePlan plan = plan(image, "KILLED-1", files);
        long journaled = 0;
        try (DriveJournal read = DriveJournal.open(journal)) {
            for (String[] entry : read.entries("blocks")) {
                long length = plan.files().get(Integer.parseInt(entry[1])).source().length();
                for (int f = 2; f < entry.length; f++) {
                    long offset = Long.parseLong(entry[f].split(":")[0]) * 4 * MIB;
                    journaled += Math.min(4 * MIB, length - offset);
                }
            }
        }
        assertThat(journaled).isGreaterThan(4 * MIB);
        WrittenDrive written = writer().write(plan, password, ProgressListener.NONE);

        assertThat(written.resumed()).isTrue();
        // exactly the blocks the journal did not hold were written: nothing finished was written twice
        assertThat(written.bytesWritten()).isEqualTo(plan.dataBytes() - journaled);
        assertThat(written.bytesWritten()).isGreaterThan(0);
        DriveChecks.assertReadersAgree(plan, written, password, "aes-xts-plain64", dir);
        assertThat(DriveVerifier.verify(image, password, ProgressListener.NONE).ok()).isTrue();
        // the journal and the child's log hold no secret
        String digits = password.reveal().replace("-", "");
        for (Path file : List.of(journal, dir.resolve("child.log"))) {
            String text = Files.readString(file);
            assertThat(text).doesNotContain(password.reveal()).doesNotContain(digits).doesNotContain(password.reveal().substring(0, 13));
        }
    }

    @Test
    void aBlockLostWithTheLastBatchIsWrittenAgain() throws Exception {
        Path image = DataSets.image(dir, "lost.img", 128 * MIB);
        List<SourceFile> files = DataSets.files(dir.resolve("src"), "seeds", 40 * MIB);
        DrivePlan plan = plan(image, "LOST-1", files);
        RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
        AtomicLong crashAt = new AtomicLong(20 * MIB);
        assertThatThrownBy(() -> writer().write(plan, password, (done, total) -> {
            if (done >= crashAt.get()) {
                throw new IllegalStateException("power cut");
            }
        })).hasMessageContaining("power cut");

        // the drive's cache lost the last journaled block: damage it on the drive
        long metadataOffset;
        int lastBlock;
        try (DriveJournal journal = DriveJournal.open(dir.resolve("journal").resolve("LOST-1.journal"))) {
            metadataOffset = Long.parseLong(journal.entries("layout").get(0)[3]);
            String[] last = journal.entries("blocks").get(journal.entries("blocks").size() - 1);
            lastBlock = Integer.parseInt(last[last.length - 1].split(":")[0]);
        }
        long offset = DriveInspection.driveOffset(image, password, metadataOffset, plan.files().get(0).filePath(), lastBlock * 4 * MIB + 7);
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[16]), offset);
        }

        WrittenDrive written = writer().write(plan, password, ProgressListener.NONE);
        assertThat(written.resumed()).isTrue();
        assertThat(written.bytesWritten()).isLessThan(plan.dataBytes());
        assertThat(DriveVerifier.verify(image, password, ProgressListener.NONE).problems()).isEmpty();
    }

    @Test
    void resumingWithAnotherPasswordIsRefusedAndWritesNothing() throws Exception {
        Path image = DataSets.image(dir, "other.img", 64 * MIB);
        DrivePlan plan = plan(image, "OTHER-1", DataSets.files(dir.resolve("src"), "seeds", 20 * MIB));
        RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
        assertThatThrownBy(() -> writer().write(plan, password, (done, total) -> {
            if (done >= 8 * MIB) {
                throw new IllegalStateException("crash");
            }
        })).hasMessageContaining("crash");
        String before = DriveChecks.sha256(image);

        assertThatThrownBy(() -> writer().write(plan, RecoveryPassword.generate(new SecureRandom()), ProgressListener.NONE))
                .isInstanceOf(DriveException.class).hasMessageContaining("cannot be opened with the recovery password given");
        assertThat(DriveChecks.sha256(image)).isEqualTo(before);
    }
}
