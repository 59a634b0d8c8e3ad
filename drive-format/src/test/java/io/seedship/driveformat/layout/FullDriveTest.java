package io.seedship.driveformat.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.DriveTarget;
import io.seedship.driveformat.plan.PlannedFile;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.driveformat.plan.SpanPlan;
import io.seedship.driveformat.plan.SpanPlanner;
import io.seedship.driveformat.testing.Commands;
import io.seedship.driveformat.testing.DataSets;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives filled close to what the planner allows: every file the plan accepts gets its clusters, and a drive that is
 * really full says so. Images and sources are sparse files, so the tests cost no disk; only the layout is built.
 */
class FullDriveTest {

    static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Commands.assumeDriveTools();
    }

    private List<SourceFile> sparse(long... sizes) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            Path file = src.resolve("chunk-" + i);
            try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
                out.setLength(sizes[i]);
            }
            files.add(SourceFile.of(file, "/seeds/chunk-" + i, sizes[i]));
        }
        return files;
    }

    private PlainLayout layOut(DrivePlan plan) throws IOException {
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        return new DriveLayout(new NtfsTools(scratch), scratch).build(plan, plan.target().size(), "\\m.manifest", 64 * 1024);
    }

    @Test
    void aDriveFilledToAbout98PercentAsPlannedIsLaidOut() throws Exception {
        long size = 1200 * MIB;
        Path image = DataSets.image(dir, "full.img", size);
        // the large file last: ntfsfallocate reserved it in one call and failed, with 1.09 GB free for its 1.08 GB
        List<SourceFile> files = sparse(40_000_000, 40_000_000, 40_000_000, 40_000_000, 1_075_381_069L);
        SpanPlan plan = SpanPlanner.plan(files, List.of(new DriveTarget(image, "FULL-1", size)));
        assertThat(plan.drives()).hasSize(1);
        PlainLayout layout = layOut(plan.drives().get(0));
        for (int i = 0; i < files.size(); i++) {
            assertThat(layout.files().get(i).length()).isEqualTo(files.get(i).length());
        }
    }

    @Test
    void drivesFilledBySpanningAreLaidOut() throws Exception {
        List<DriveTarget> drives = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            drives.add(new DriveTarget(DataSets.image(dir, "span-" + d + ".img", 150 * MIB), "SPAN-" + d, 150 * MIB));
        }
        List<SourceFile> files = sparse(3 * MIB, 5 * MIB, 9 * MIB, 10 * MIB, 20 * MIB, 30 * MIB, 40 * MIB, 90 * MIB, 100 * MIB,
                120 * MIB);
        SpanPlan plan = SpanPlanner.plan(files, drives);
        assertThat(plan.drives()).hasSize(3);
        for (DrivePlan drive : plan.drives()) {
            PlainLayout layout = layOut(drive);
            assertThat(layout.files()).hasSize(drive.files().size());
        }
    }

    @Test
    void theLargestFileThePlannerAcceptsFitsTheDrive() throws Exception {
        for (long size : new long[] {64 * MIB, 150 * MIB, 700 * MIB}) {
            Path image = DataSets.image(dir, "max-" + size + ".img", size);
            DriveTarget target = new DriveTarget(image, "MAX-" + size / MIB, size);
            long length = io.seedship.driveformat.plan.DriveCapacity.available(size);
            SpanPlan plan = null;
            while (plan == null) {
                try {
                    plan = SpanPlanner.plan(List.of(SourceFile.of(dir.resolve("max"), "/seeds/max", length)), List.of(target));
                } catch (DriveException e) {
                    length -= 4096;
                }
            }
            Path src = dir.resolve("max");
            try (RandomAccessFile out = new RandomAccessFile(src.toFile(), "rw")) {
                out.setLength(length);
            }
            assertThat(layOut(plan.drives().get(0)).files().get(0).length()).as("%d bytes on %d", length, size).isEqualTo(length);
            Files.delete(src);
        }
    }

    @Test
    void aDriveThatIsReallyFullIsNamedAsFullNotTheSource() throws Exception {
        long size = 150 * MIB;
        Path image = DataSets.image(dir, "over.img", size);
        // past the planner on purpose: two files that cannot both fit
        List<SourceFile> files = sparse(100 * MIB, 60 * MIB);
        DrivePlan plan = new DrivePlan(new DriveTarget(image, "OVER-1", size),
                List.of(new PlannedFile(files.get(0), "\\000000_chunk-0"), new PlannedFile(files.get(1), "\\000001_chunk-1")));
        assertThatThrownBy(() -> layOut(plan))
                .isInstanceOf(DriveException.class)
                .hasMessageContaining("over.img: is full")
                .hasMessageContaining("\\000001_chunk-1")
                .hasMessageNotContaining("did it change");
    }
}
