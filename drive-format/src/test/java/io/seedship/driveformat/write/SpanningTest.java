package io.seedship.driveformat.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.driveformat.bitlocker.EncryptionMethod;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.manifest.DriveManifest;
import io.seedship.driveformat.manifest.ManifestBlob;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.DriveTarget;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.driveformat.plan.SpanPlan;
import io.seedship.driveformat.plan.SpanPlanner;
import io.seedship.driveformat.testing.Commands;
import io.seedship.driveformat.testing.DataSets;
import io.seedship.driveformat.testing.DriveChecks;
import io.seedship.driveformat.verify.DriveVerifier;
import io.seedship.driveformat.verify.VerifyReport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpanningTest {

    static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Commands.assumeDriveTools();
    }

    @Test
    void aDataSetTooLargeForOneDriveIsSplitAndEveryBlobLandsOnceVerified() throws Exception {
        List<SourceFile> files = DataSets.files(dir.resolve("src"), "seeds",
                30 * MIB, 25 * MIB, 20 * MIB + 1, 18 * MIB, 12 * MIB, 9 * MIB, 4 * MIB, 70_000, 3_000, 0);
        long size = 48 * MIB;
        List<DriveTarget> drives = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            drives.add(new DriveTarget(DataSets.image(dir, "span-" + i + ".img", size), "SPAN-" + i, size));
        }
        SpanPlan plan = SpanPlanner.plan(files, drives);
        assertThat(plan.drives()).hasSizeGreaterThan(2);
        System.out.print(plan.report());

        DriveWriter writer = new DriveWriter(DriveWriter.Options.defaults(dir.resolve("journal"), dir.resolve("scratch"))
                .withMethod(EncryptionMethod.AES_XTS_128));
        List<String> blobsOnDrives = new ArrayList<>();
        for (DrivePlan drive : plan.drives()) {
            RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
            WrittenDrive written = writer.write(drive, password, ProgressListener.NONE);
            DriveManifest manifest = DriveChecks.assertReadersAgree(drive, written, password, "aes-xts-plain64", dir);
            manifest.blobs().stream().map(ManifestBlob::blobPath).forEach(blobsOnDrives::add);
            VerifyReport report = DriveVerifier.verify(drive.target().device(), password, ProgressListener.NONE);
            assertThat(report.problems()).isEmpty();
            assertThat(report.blobs()).isEqualTo(drive.files().size());
        }
        assertThat(blobsOnDrives).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(files.stream().map(SourceFile::blobPath).toList());
    }
}
