package io.seedship.diskprep.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.diskprep.inventory.Drive;
import io.seedship.diskprep.inventory.Media;
import io.seedship.diskprep.inventory.Transport;
import io.seedship.driveformat.plan.DriveCapacity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One table of good and bad drives, then the job-level rules (count, capacity). */
class DriveChecksTest {

    private static final long TB = 1_000_000_000_000L;

    @ParameterizedTest(name = "{0} {1} removable={2} system={3} mounts=[{4}] allowVirtual={5} -> {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # transport | media   | removable | system | mounts     | allow virtual | refused by       | message contains
            SATA        | HDD     | false     | false  | -          | false         | -                | -
            SATA        | SSD     | false     | false  | -          | false         | -                | -
            SAS         | HDD     | false     | false  | -          | false         | SATA_DRIVE       | SAS is not in the documented list
            NVME        | SSD     | false     | false  | -          | false         | SATA_DRIVE       | NVMe is not in the documented list
            OTHER       | UNKNOWN | false     | false  | -          | false         | SATA_DRIVE       | unknown transport
            USB         | HDD     | false     | false  | -          | false         | NOT_EXTERNAL     | take the drive out of its enclosure
            USB         | SSD     | true      | false  | -          | false         | NOT_EXTERNAL     | attached by USB
            SATA        | HDD     | true      | false  | -          | false         | NOT_EXTERNAL     | removable media
            VIRTUAL     | UNKNOWN | false     | false  | -          | false         | NOT_VIRTUAL      | allowed only with allowVirtualDrives
            VIRTUAL     | UNKNOWN | false     | false  | -          | true          | -                | -
            SATA        | HDD     | false     | true   | /          | false         | NOT_SYSTEM_DISK NOT_MOUNTED | root file system
            SATA        | HDD     | false     | false  | /mnt/a /mnt/b | false      | NOT_MOUNTED      | mounted on /mnt/a, /mnt/b: unmount it
            SAS         | HDD     | false     | false  | /data      | false         | SATA_DRIVE NOT_MOUNTED | use a SATA drive
            VIRTUAL     | UNKNOWN | false     | true   | /          | true          | NOT_SYSTEM_DISK NOT_MOUNTED | choose another drive
            """)
    void eachDriveIsAcceptedOrRefusedNamingItTheRuleAndWhatToDo(Transport transport, Media media, boolean removable,
                                                                  boolean system, String mounts, boolean allowVirtual,
                                                                  String refusedBy, String message) {
        Drive drive = drive("sdq", "SER-42", 4 * TB, transport, media, removable, system,
                mounts == null ? List.of() : List.of(mounts.split(" ")));
        DriveVerdict verdict = new DriveChecks(allowVirtual).check(List.of(drive), 0).drives().getFirst();

        if (refusedBy == null) {
            assertThat(verdict.accepted()).isTrue();
            assertThat(verdict.refusals()).isEmpty();
            return;
        }
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.refusals()).extracting(Refusal::rule)
                .containsExactlyElementsOf(Arrays.stream(refusedBy.split(" ")).map(DriveRule::valueOf).toList());
        assertThat(verdict.refusals()).allSatisfy(r -> assertThat(r.message()).startsWith("/dev/sdq (serial SER-42) "));
        assertThat(verdict.refusals()).anySatisfy(r -> assertThat(r.message()).contains(message));
    }

    @Test
    void aDriveWithoutSerialIsNamedByItsDevice() {
        Drive drive = drive("sdr", "", TB, Transport.USB, Media.HDD, false, false, List.of());
        assertThat(new DriveChecks().check(List.of(drive), 0).drives().getFirst().refusals().getFirst().message())
                .startsWith("/dev/sdr (no serial) is attached by USB");
    }

    @Test
    void tenDrivesMakeAJobElevenDoNot() {
        assertThat(new DriveChecks().check(sataDrives(10), TB).job()).isEmpty();

        DriveCheckReport eleven = new DriveChecks().check(sataDrives(11), TB);
        assertThat(eleven.accepted()).isFalse();
        assertThat(eleven.job()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(DriveRule.AT_MOST_TEN_DRIVES);
            assertThat(r.message()).isEqualTo("11 drives accepted, an import job takes at most 10: choose fewer, or split"
                    + " the data over another import job");
        });
    }

    @Test
    void refusedDrivesDoNotCountTowardsTheTen() {
        List<Drive> drives = new ArrayList<>(sataDrives(10));
        drives.add(drive("sdz", "USB-1", TB, Transport.USB, Media.HDD, true, false, List.of()));
        DriveCheckReport report = new DriveChecks().check(drives, TB);
        assertThat(report.job()).isEmpty();
        assertThat(report.accepted()).isFalse(); // the USB drive is still refused
        assertThat(report.acceptedDrives()).hasSize(10);
    }

    @Test
    void capacityCountsAcceptedDrivesOnceFormattedAndSaysHowMuchIsStillToPlace() {
        Drive good = drive("sda", "A", 2 * TB, Transport.SATA, Media.HDD, false, false, List.of());
        Drive sas = drive("sdb", "B", 8 * TB, Transport.SAS, Media.HDD, false, false, List.of());
        long usable = DriveCapacity.available(2 * TB);
        assertThat(usable).isLessThan(2 * TB);

        DriveCheckReport fits = new DriveChecks().check(List.of(good, sas), usable);
        assertThat(fits.job()).isEmpty();
        assertThat(fits.capacityBytes()).isEqualTo(usable);
        assertThat(fits.bytesStillToPlace()).isZero();

        // the SAS drive's 8 TB do not count: it is refused
        DriveCheckReport short1 = new DriveChecks().check(List.of(good, sas), 2 * TB);
        assertThat(short1.bytesStillToPlace()).isEqualTo(2 * TB - usable);
        assertThat(short1.job()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(DriveRule.ENOUGH_CAPACITY);
            assertThat(r.message()).isEqualTo("the 1 accepted drive(s) hold " + usable + " bytes once formatted, " + 2 * TB
                    + " bytes to place: " + (2 * TB - usable) + " bytes still to place, add drives or larger drives");
        });
    }

    @Test
    void noDriveAtAllIsRefusedForTheJob() {
        DriveCheckReport report = new DriveChecks().check(List.of(), 1);
        assertThat(report.job()).extracting(Refusal::rule).containsExactly(DriveRule.SOME_DRIVE, DriveRule.ENOUGH_CAPACITY);
        assertThat(report.job().get(1).message()).startsWith("no accepted drive, 1 bytes to place: 1 bytes still to place");
        assertThat(report.bytesStillToPlace()).isEqualTo(1);
    }

    private static List<Drive> sataDrives(int count) {
        return IntStream.range(0, count).mapToObj(i -> drive("sd" + (char) ('a' + i), "S" + i, TB, Transport.SATA, Media.HDD,
                false, false, List.of())).toList();
    }

    private static Drive drive(String name, String serial, long size, Transport transport, Media media, boolean removable,
                               boolean system, List<String> mounts) {
        return new Drive(Path.of("/dev", name), size, 512, 4096, media == Media.HDD, removable, transport, media, "model",
                serial, "vendor", system, mounts);
    }
}
