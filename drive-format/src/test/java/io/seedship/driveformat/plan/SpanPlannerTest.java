package io.seedship.driveformat.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.driveformat.DriveException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpanPlannerTest {

    private static final long MIB = 1024 * 1024;

    private static List<SourceFile> files(long... sizes) {
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            files.add(SourceFile.of(Path.of("/staging/chunk-" + i), "/seeds/job/chunk-" + i, sizes[i]));
        }
        return files;
    }

    private static DriveTarget drive(String id, long size) {
        return new DriveTarget(Path.of("/dev/" + id), id, size);
    }

    @Test
    void everyBlobLandsOnExactlyOneDriveWithinItsCapacity() throws Exception {
        List<SourceFile> files = files(40 * MIB, 30 * MIB, 30 * MIB, 20 * MIB, 10 * MIB, 5 * MIB, 1, 0);
        List<DriveTarget> drives = List.of(drive("A", 64 * MIB), drive("B", 64 * MIB), drive("C", 64 * MIB));
        SpanPlan plan = SpanPlanner.plan(files, drives);

        Set<String> seen = new HashSet<>();
        for (DrivePlan drive : plan.drives()) {
            long used = drive.files().stream().mapToLong(f -> DriveCapacity.cost(f.source(), f.filePath())).sum();
            assertThat(used).isLessThanOrEqualTo(DriveCapacity.available(drive.target().size()));
            drive.files().forEach(f -> assertThat(seen.add(f.source().blobPath())).isTrue());
        }
        assertThat(seen).hasSize(files.size());
        assertThat(plan.drives()).hasSizeGreaterThan(1);
        assertThat(plan.report()).contains("drive A").contains("/seeds/job/chunk-0 <- /staging/chunk-0");
        assertThat(SpanPlanner.plan(files, drives)).isEqualTo(plan);
    }

    @Test
    void aDataSetThatFitsOneDriveUsesOne() throws Exception {
        SpanPlan plan = SpanPlanner.plan(files(10 * MIB, 10 * MIB), List.of(drive("A", 1024 * MIB), drive("B", 1024 * MIB)));
        assertThat(plan.drives()).hasSize(1);
        assertThat(plan.drives().get(0).files()).extracting(PlannedFile::filePath)
                .containsExactly("\\000000_chunk-0", "\\000001_chunk-1");
    }

    @Test
    void refusesADataSetThatDoesNotFitNamingWhatIsLeftOver() {
        assertThatThrownBy(() -> SpanPlanner.plan(files(50 * MIB, 50 * MIB, 50 * MIB), List.of(drive("A", 64 * MIB), drive("B", 64 * MIB))))
                .isInstanceOf(DriveException.class)
                .hasMessageContaining("does not fit the 2 drive(s) given: 1 file(s) of 52428800 bytes left over")
                .isInstanceOfSatisfying(SpanPlanner.DoesNotFit.class, e -> assertThat(e.bytesLeftOver())
                        .as("the left-over file's clusters and its NTFS and manifest entries").isGreaterThan(50 * MIB)
                        .isLessThan(51 * MIB));
        assertThatThrownBy(() -> SpanPlanner.plan(files(100 * MIB), List.of(drive("A", 64 * MIB))))
                .hasMessageContaining("/staging/chunk-0").hasMessageContaining("larger than any drive");
    }

    @Test
    void refusesDuplicatesAndBadNames() {
        List<SourceFile> twice = List.of(SourceFile.of(Path.of("/a"), "/seeds/x", 1), SourceFile.of(Path.of("/b"), "/seeds/x", 1));
        assertThatThrownBy(() -> SpanPlanner.plan(twice, List.of(drive("A", 64 * MIB))))
                .hasMessageContaining("blob /seeds/x appears twice");
        assertThatThrownBy(() -> SourceFile.of(Path.of("/a"), "/Seeds/x", 1)).hasMessageContaining("container 'Seeds'");
        assertThatThrownBy(() -> SourceFile.of(Path.of("/a"), "seeds/x", 1)).hasMessageContaining("must start with /");
        assertThatThrownBy(() -> SourceFile.of(Path.of("/a"), "/se--eds/x", 1)).hasMessageContaining("container");
        assertThatThrownBy(() -> new DriveTarget(Path.of("/dev/sdb"), "WD 123", 1)).hasMessageContaining("driveId 'WD 123'");
        assertThatThrownBy(() -> new SourceFile(Path.of("/a"), "/seeds/x", 5 * MIB, List.of("0123456789ABCDEF0123456789ABCDEF")))
                .hasMessageContaining("1 block MD5s given for 2 blocks");
    }

    @Test
    void driveFileNamesAreUniqueAndWindowsSafe() {
        SourceFile file = SourceFile.of(Path.of("/a"), "/seeds/dir/we:ird*na?me<>|\". ", 1);
        assertThat(SpanPlanner.filePath(7, file)).isEqualTo("\\000007_we_ird_na_me_____");
    }

    @Test
    void refusesANameTheManifestCannotCarryNamingTheFileAndTheRule() {
        assertThatThrownBy(() -> SourceFile.of(Path.of("/staging/bad\u0001name"), "/seeds/bad\u0001name", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/staging/bad")
                .hasMessageContaining("'/seeds/bad\\u0001name'")
                .hasMessageContaining("control character U+0001")
                .hasMessageContaining("the drive manifest (XML 1.0) cannot carry it");
        assertThatThrownBy(() -> SourceFile.of(Path.of("/a"), "/seeds/line\nbreak", 1)).hasMessageContaining("U+000A");
        assertThatThrownBy(() -> SourceFile.of(Path.of("/a"), "/seeds/x\u0085", 1)).hasMessageContaining("U+0085");
        assertThatThrownBy(() -> SourceFile.of(Path.of("/a"), "/seeds/x\uFFFF", 1)).hasMessageContaining("non-character");
        assertThatThrownBy(() -> SourceFile.of(Path.of("/a"), "/seeds/x\uD800y", 1)).hasMessageContaining("unpaired surrogate");
        // what XML and NTFS can hold passes: non-ASCII letters, a pair of surrogates (an emoji), Windows-forbidden characters
        assertThat(SourceFile.of(Path.of("/a"), "/seeds/Zürich \uD83D\uDE00 a:b*c?.txt", 1).blobPath()).contains("\uD83D\uDE00");
    }
}
