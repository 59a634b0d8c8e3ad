package io.seedship.diskprep.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The inventory read from a captured machine: SATA HDD and SSD, USB stick, SAS disk, NVMe SSD, virtio system disk, loops (named by their image). */
class LinuxDriveInventoryTest {

    @TempDir
    Path dir;

    private Map<String, Drive> drives;

    @BeforeEach
    void readTheCapturedMachine() throws IOException {
        List<Drive> list = CapturedMachine.inventory(dir).drives();
        drives = list.stream().collect(Collectors.toMap(d -> d.device().getFileName().toString(), Function.identity()));
    }

    @Test
    void listsWholeDrivesAndAttachedLoopsOnly() {
        // no partitions, no zram, no unattached loop1
        assertThat(drives).containsOnlyKeys("sda", "sdb", "sdc", "sdd", "nvme0n1", "vda", "loop0");
    }

    @ParameterizedTest(name = "{0}: {1} {2} removable={3} serial={4}")
    @CsvSource(delimiter = '|', textBlock = """
            sda     | SATA    | HDD     | false | WD-WCC7K1234567 | WDC WD40EFRX-68N32N0         | ATA
            sdb     | USB     | HDD     | true  | 4C530001230517115424 | Ultra Fit               | SanDisk
            sdc     | SAS     | HDD     | false | Z1Z2ABCD        | ST4000NM0023                 | SEAGATE
            sdd     | SATA    | SSD     | false | S6PNNS0T654321B | Samsung SSD 870              | ATA
            nvme0n1 | NVME    | SSD     | false | S4EWNX0R123456A | Samsung SSD 970 EVO Plus 1TB | ''
            vda     | VIRTUAL | UNKNOWN | false | SYSDISK01       | ''                           | 0x1af4
            loop0   | VIRTUAL | UNKNOWN | false | seed            | ''                           | ''
            """)
    void describesEachDrive(String name, Transport transport, Media media, boolean removable, String serial, String model,
                            String vendor) {
        Drive drive = drives.get(name);
        assertThat(drive.device()).isEqualTo(dir.resolve("dev").resolve(name));
        assertThat(drive.transport()).isEqualTo(transport);
        assertThat(drive.media()).isEqualTo(media);
        assertThat(drive.removable()).isEqualTo(removable);
        assertThat(drive.serial()).isEqualTo(serial);
        assertThat(drive.model()).isEqualTo(model);
        assertThat(drive.vendor()).isEqualTo(vendor);
    }

    @Test
    void sizesAndSectorsFromSysfsWhenTheDeviceNodeCannotBeOpened() {
        // the captured tree has no device nodes: sysfs counts 512-byte sectors
        assertThat(drives.get("sda").sizeBytes()).isEqualTo(7814037168L * 512);
        assertThat(drives.get("sda").logicalSectorSize()).isEqualTo(512);
        assertThat(drives.get("sda").physicalSectorSize()).isEqualTo(4096);
        assertThat(drives.get("loop0").sizeBytes()).isEqualTo(2097152L * 512);
    }

    @Test
    void theDiskHoldingRootIsTheSystemDisk() {
        assertThat(drives.values()).filteredOn(Drive::systemDisk).extracting(d -> d.device().getFileName().toString())
                .containsExactly("vda");
    }

    @Test
    void mountsOfTheDriveOrItsPartitionsAreListed() {
        assertThat(drives.get("vda").mountPoints()).containsExactly("/", "/boot/efi", "/srv");
        assertThat(drives.get("sdb").mountPoints()).containsExactly("/media/usb stick");
        assertThat(drives.get("sdd").mountPoints()).isEmpty(); // its partition is not mounted
        assertThat(drives.get("sda").mountPoints()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /devices/pci0000:00/0000:00:1f.2/ata3/host2/target2:0:0/2:0:0:0/block/sdb                     | ''   | SATA
            /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host7/target7:0:0/7:0:0:0/block/sdc          | ''   | USB
            /devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host8/target8:0:0/8:0:0:0/block/sdd          | ata  | USB
            /devices/pci0000:00/0000:00:01.1/0000:02:00.0/nvme/nvme1/nvme1n1                               | ''   | NVME
            /devices/pci0000:00/0000:00:05.0/virtio3/block/vdb                                             | ''   | VIRTUAL
            /devices/virtual/block/loop3                                                                   | ''   | VIRTUAL
            /devices/pci0000:00/0000:00:03.0/0000:02:00.0/host2/port-2:1/end_device-2:1/target2:0:1/2:0:1:0/block/sde | '' | SAS
            /devices/platform/soc/fe340000.mmc/mmc_host/mmc0/mmc0:aaaa/block/mmcblk0                       | ''   | OTHER
            /devices/pci0000:00/0000:00:10.0/host32/target32:0:0/32:0:0:0/block/sdf                         | ata  | SATA
            """)
    void transportFromTheDevicePath(String sysPath, String udevBus, Transport transport) {
        assertThat(LinuxDriveInventory.transport(sysPath, udevBus)).isEqualTo(transport);
    }
}
