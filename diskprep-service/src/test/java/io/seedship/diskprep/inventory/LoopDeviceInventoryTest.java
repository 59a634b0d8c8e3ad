package io.seedship.diskprep.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real inventory on this machine: a sparse image attached to a loop device is sized by the kernel through ioctl(2).
 * Needs root and losetup (the loop device is made with losetup; only its path is read from its output, never a size).
 */
class LoopDeviceInventoryTest {

    private static final long IMAGE_SIZE = 64L * 1024 * 1024 + 4096; // not a power of two: a wrong size shows

    @TempDir
    Path dir;

    @BeforeAll
    static void rootWithLosetup() {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isDirectory(Path.of("/sys/block")),
                "skipped: needs root on Linux to attach and open a loop device");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/losetup")) || Files.isExecutable(Path.of("/sbin/losetup")),
                "skipped: losetup is missing");
    }

    @Test
    void aLoopDeviceIsSizedByTheKernelAndIsVirtual() throws Exception {
        Path image = dir.resolve("drive.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(IMAGE_SIZE);
        }
        String loop = losetup("--find", "--show", image.toString()).trim();
        try {
            Path device = Path.of(loop);
            BlockDevice.Geometry geometry = BlockDevice.geometry(device);
            assertThat(geometry.sizeBytes()).isEqualTo(IMAGE_SIZE).isEqualTo(sysfsBytes(device));
            assertThat(geometry.logicalSectorSize()).isEqualTo(512);
            assertThat(geometry.physicalSectorSize()).isPositive();

            List<Drive> drives = new LinuxDriveInventory().drives();
            assertThat(drives).filteredOn(d -> d.device().equals(device)).singleElement().satisfies(drive -> {
                assertThat(drive.sizeBytes()).isEqualTo(IMAGE_SIZE);
                assertThat(drive.transport()).isEqualTo(Transport.VIRTUAL);
                assertThat(drive.systemDisk()).isFalse();
                assertThat(drive.mountPoints()).isEmpty();
                assertThat(drive.serial()).as("a loop device is named by its image").isEqualTo("drive");
            });
        } finally {
            losetup("--detach", loop);
        }
        assertThat(new LinuxDriveInventory().drives()).noneMatch(d -> d.device().toString().equals(loop));
    }

    @Test
    void theKernelSizeOfEveryOpenableDriveMatchesSysfs() throws IOException {
        List<Drive> drives = new LinuxDriveInventory().drives();
        // none when / is an overlay or network file system (a container), never two
        assertThat(drives).filteredOn(Drive::systemDisk).hasSizeLessThanOrEqualTo(1);
        for (Drive drive : drives) {
            BlockDevice.Geometry geometry;
            try {
                geometry = BlockDevice.geometry(drive.device());
            } catch (IOException e) {
                continue; // a container may forbid opening the host's disks (EPERM); the loop test covers the ioctl
            }
            assertThat(geometry.sizeBytes()).as(drive.device().toString()).isEqualTo(sysfsBytes(drive.device()));
        }
    }

    @Test
    void aFileThatIsNoBlockDeviceIsRefusedByTheKernel() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlockDevice.geometry(file))
                .isInstanceOf(IOException.class).hasMessageContaining("is not a block device");
    }

    /** sysfs counts 512-byte sectors. */
    private static long sysfsBytes(Path device) throws IOException {
        return Long.parseLong(Files.readString(Path.of("/sys/block", device.getFileName().toString(), "size")).trim()) * 512;
    }

    private static String losetup(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("losetup"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("losetup %s: %s", command, out).isZero();
        return out;
    }
}
