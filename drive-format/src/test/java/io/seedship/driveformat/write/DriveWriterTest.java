package io.seedship.driveformat.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.bitlocker.EncryptionMethod;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.manifest.Base16;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.DriveTarget;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.driveformat.plan.SpanPlanner;
import io.seedship.driveformat.testing.Commands;
import io.seedship.driveformat.testing.DataSets;
import io.seedship.driveformat.testing.DriveChecks;
import io.seedship.driveformat.verify.DriveVerifier;
import io.seedship.driveformat.verify.VerifyReport;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DriveWriterTest {

    static final long MIB = 1024 * 1024;
    static final long GIB = 1024 * MIB;
    /** Empty, tiny, just below and at the copy threshold, a block exactly, a block and a byte, several blocks. */
    static final long[] MIXED = {0, 1, 65535, 65536, 4 * MIB, 4 * MIB + 1, 9 * MIB + 123, 20 * MIB};

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Commands.assumeDriveTools();
    }

    DriveWriter writer(EncryptionMethod method) {
        return new DriveWriter(DriveWriter.Options.defaults(dir.resolve("journal"), dir.resolve("scratch")).withMethod(method));
    }

    DrivePlan plan(Path device, String driveId, long size, List<SourceFile> files) throws Exception {
        List<DrivePlan> drives = SpanPlanner.plan(files, List.of(new DriveTarget(device, driveId, size))).drives();
        assertThat(drives).hasSize(1);
        return drives.get(0);
    }

    @ParameterizedTest
    @EnumSource(EncryptionMethod.class)
    void aSmallDriveOpensWithDislockerAndCryptsetupAndEveryFileIsIdentical(EncryptionMethod method) throws Exception {
        Path image = DataSets.image(dir, "small.img", 128 * MIB);
        DrivePlan plan = plan(image, "SMALL-" + method.name().replace('_', '-'), 128 * MIB, DataSets.files(dir.resolve("src"), "seeds", MIXED));
        RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());

        WrittenDrive written = writer(method).write(plan, password, ProgressListener.NONE);

        assertThat(written.blobs()).isEqualTo(MIXED.length);
        assertThat(written.resumed()).isFalse();
        assertThat(written.manifestFile()).matches("\\\\[0-9a-f-]{36}\\.manifest");
        DriveChecks.assertReadersAgree(plan, written, password, "aes-xts-plain64", dir);
        String bits = method == EncryptionMethod.AES_XTS_128 ? "256 bits" : "512 bits";
        assertThat(Commands.run("cryptsetup", "bitlkDump", image.toString()).output()).contains(bits);

        VerifyReport report = DriveVerifier.verify(image, password, ProgressListener.NONE);
        assertThat(report.problems()).isEmpty();
        assertThat(report.blobs()).isEqualTo(MIXED.length);
        assertThat(report.manifestHash()).isEqualTo(written.manifestHash());
        assertThat(report.bytes()).isEqualTo(plan.dataBytes());
    }

    @Test
    void aVolumeOfSeveralGibibytes() throws Exception {
        Path image = DataSets.image(dir, "large.img", 4 * GIB);
        DrivePlan plan = plan(image, "LARGE-1", 4 * GIB, DataSets.files(dir.resolve("src"), "seeds", 150 * MIB, 40 * MIB + 7, 3, 100_000));
        RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());

        WrittenDrive written = writer(EncryptionMethod.AES_XTS_256).write(plan, password, ProgressListener.NONE);

        DriveChecks.assertReadersAgree(plan, written, password, "aes-xts-plain64", dir);
        assertThat(DriveVerifier.verify(image, password, ProgressListener.NONE).ok()).isTrue();
    }

    @Test
    void aLoopDevice() throws Exception {
        Path image = DataSets.image(dir, "loop.img", 96 * MIB);
        Commands.Result attach = Commands.run("losetup", "-f", "--show", image.toString());
        assumeTrue(attach.exit() == 0, "skipped: this machine does not allow loop devices (" + attach.output().strip() + ")");
        Path loop = Path.of(attach.output().strip());
        try {
            DrivePlan plan = plan(loop, "LOOP-1", 96 * MIB, DataSets.files(dir.resolve("src"), "seeds", 5 * MIB + 5, 70_000, 10));
            RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
            WrittenDrive written = writer(EncryptionMethod.AES_XTS_128).write(plan, password, ProgressListener.NONE);
            DriveChecks.assertReadersAgree(plan, written, password, "aes-xts-plain64", dir);
            assertThat(DriveVerifier.verify(loop, password, ProgressListener.NONE).ok()).isTrue();
        } finally {
            Commands.run("losetup", "-d", loop.toString());
        }
    }

    @Test
    void writingAFinishedDriveAgainChangesNothing() throws Exception {
        Path image = DataSets.image(dir, "again.img", 64 * MIB);
        DrivePlan plan = plan(image, "AGAIN-1", 64 * MIB, DataSets.files(dir.resolve("src"), "seeds", 6 * MIB));
        RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
        WrittenDrive first = writer(EncryptionMethod.AES_XTS_128).write(plan, password, ProgressListener.NONE);
        String before = DriveChecks.sha256(image);

        WrittenDrive second = writer(EncryptionMethod.AES_XTS_128).write(plan, password, ProgressListener.NONE);

        assertThat(second.bytesWritten()).isZero();
        assertThat(second.manifestHash()).isEqualTo(first.manifestHash());
        assertThat(second.driveHeaderHash()).isEqualTo(first.driveHeaderHash());
        assertThat(DriveChecks.sha256(image)).isEqualTo(before);
    }

    @Test
    void hashesFromStagingAreTrustedWhileWritingAndCheckedByTheVerifier() throws Exception {
        Path src = dir.resolve("src");
        List<SourceFile> plain = DataSets.files(src, "seeds", 9 * MIB);
        SourceFile file = plain.get(0);
        byte[] bytes = Files.readAllBytes(file.path());
        List<String> md5s = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += 4 * MIB) {
            md5s.add(Base16.md5(java.util.Arrays.copyOfRange(bytes, offset, (int) Math.min(bytes.length, offset + 4 * MIB))));
        }
        List<String> wrong = new ArrayList<>(md5s);
        wrong.set(1, "0123456789ABCDEF0123456789ABCDEF");

        Path good = DataSets.image(dir, "staged.img", 64 * MIB);
        DrivePlan goodPlan = plan(good, "STAGED-1", 64 * MIB, List.of(new SourceFile(file.path(), file.blobPath(), file.length(), md5s)));
        RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
        writer(EncryptionMethod.AES_XTS_128).write(goodPlan, password, ProgressListener.NONE);
        assertThat(DriveVerifier.verify(good, password, ProgressListener.NONE).ok()).isTrue();

        Path bad = DataSets.image(dir, "mislabelled.img", 64 * MIB);
        DrivePlan badPlan = plan(bad, "STAGED-2", 64 * MIB, List.of(new SourceFile(file.path(), file.blobPath(), file.length(), wrong)));
        writer(EncryptionMethod.AES_XTS_128).write(badPlan, password, ProgressListener.NONE);
        VerifyReport report = DriveVerifier.verify(bad, password, ProgressListener.NONE);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).singleElement().asString()
                .startsWith(file.blobPath() + ": block at 4194304 has MD5 " + md5s.get(1));
    }

    @Test
    void theVerifierFindsADamagedBlock() throws Exception {
        Path image = DataSets.image(dir, "damaged.img", 64 * MIB);
        DrivePlan plan = plan(image, "DAMAGED-1", 64 * MIB, DataSets.files(dir.resolve("src"), "seeds", 12 * MIB));
        RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
        writer(EncryptionMethod.AES_XTS_128).write(plan, password, ProgressListener.NONE);
        assertThat(DriveVerifier.verify(image, password, ProgressListener.NONE).ok()).isTrue();

        // find the file's third block on the drive by its plaintext through the library's reader, then damage it
        long offset = DriveInspection.driveOffset(image, password, plan.files().get(0).filePath(), 8 * MIB + 100);
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {42}), offset);
        }
        VerifyReport report = DriveVerifier.verify(image, password, ProgressListener.NONE);
        assertThat(report.problems()).singleElement().asString().startsWith("/seeds/seed/chunk-0.zst: block at 8388608 has MD5");
        assertThatThrownBy(() -> DriveVerifier.verify(image, RecoveryPassword.generate(new SecureRandom()), ProgressListener.NONE))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void badInputIsRefusedAndTheDriveIsNotTouched() throws Exception {
        Path src = dir.resolve("src");
        List<SourceFile> files = DataSets.files(src, "seeds", 5 * MIB, 2 * MIB);
        RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());

        // a drive holding data, without overwrite
        Path used = DataSets.image(dir, "used.img", 64 * MIB);
        Commands.run("mkntfs", "-F", "-Q", "-q", used.toString());
        String usedHash = DriveChecks.sha256(used);
        assertThatThrownBy(() -> writer(EncryptionMethod.AES_XTS_128).write(plan(used, "USED-1", 64 * MIB, files), password, ProgressListener.NONE))
                .isInstanceOf(DriveException.class).hasMessageContaining("used.img: is not empty (an NTFS volume)");
        assertThat(DriveChecks.sha256(used)).isEqualTo(usedHash);
        assertThat(dir.resolve("journal")).as("no journal for a refused drive").doesNotExist();

        // a source file that vanished after planning
        Path blank = DataSets.image(dir, "blank.img", 64 * MIB);
        String blankHash = DriveChecks.sha256(blank);
        DrivePlan plan = plan(blank, "BLANK-1", 64 * MIB, files);
        Files.delete(files.get(1).path());
        Files.createDirectory(files.get(1).path());
        assertThatThrownBy(() -> writer(EncryptionMethod.AES_XTS_128).write(plan, password, ProgressListener.NONE))
                .isInstanceOf(DriveException.class).hasMessageContaining(files.get(1).path() + ": is not a regular file");
        assertThat(DriveChecks.sha256(blank)).isEqualTo(blankHash);
        assertThat(dir.resolve("journal")).as("no journal for a refused drive").doesNotExist();

        // a drive smaller than the plan was made for
        Path tiny = DataSets.image(dir, "tiny.img", 8 * MIB);
        assertThatThrownBy(() -> writer(EncryptionMethod.AES_XTS_128).write(
                new DrivePlan(new DriveTarget(tiny, "TINY-1", 8 * MIB), List.of()), password, ProgressListener.NONE))
                .hasMessageContaining("tiny.img: is too small");
    }
}
