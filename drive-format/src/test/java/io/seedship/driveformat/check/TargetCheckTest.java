package io.seedship.driveformat.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.testing.Commands;
import io.seedship.driveformat.testing.DataSets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetCheckTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private final TargetCheck check = new TargetCheck();

    @Test
    void acceptsAnEmptyImageAndReportsItsSize() throws Exception {
        Path image = DataSets.image(dir, "empty.img", 64 * MIB);
        assertThat(check.check(image, 16 * MIB, false)).isEqualTo(64 * MIB);
    }

    @Test
    void refusesMissingTooSmallAndOddSizedDrives() throws Exception {
        assertThatThrownBy(() -> check.check(dir.resolve("none.img"), MIB, false))
                .isInstanceOf(DriveException.class).hasMessageEndingWith("none.img: does not exist");
        Path small = DataSets.image(dir, "small.img", 8 * MIB);
        assertThatThrownBy(() -> check.check(small, 16 * MIB, true))
                .hasMessageContaining("small.img: is too small: 8388608 bytes, at least 16777216 needed");
        Path odd = DataSets.image(dir, "odd.img", 32 * MIB + 100);
        assertThatThrownBy(() -> check.check(odd, MIB, true)).hasMessageContaining("not a whole number of 512-byte sectors");
    }

    @Test
    void refusesADriveHoldingDataUnlessOverwriteIsAsked() throws Exception {
        Commands.assumeDriveTools();
        Path ntfs = DataSets.image(dir, "ntfs.img", 32 * MIB);
        Commands.run("mkntfs", "-F", "-Q", "-q", ntfs.toString());
        assertThatThrownBy(() -> check.check(ntfs, MIB, false))
                .hasMessageContaining("ntfs.img: is not empty (an NTFS volume): pass overwrite to erase it");
        assertThat(check.check(ntfs, MIB, true)).isEqualTo(32 * MIB);

        Path tail = DataSets.image(dir, "tail.img", 32 * MIB);
        try (var channel = java.nio.channels.FileChannel.open(tail, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 32 * MIB - 10);
        }
        assertThatThrownBy(() -> check.check(tail, MIB, false)).hasMessageContaining("non-zero data in its last MiB");
    }

    @Test
    void refusesAnImageAttachedToALoopDevice() throws Exception {
        Path image = DataSets.image(dir, "looped.img", 32 * MIB);
        Commands.Result attach = Commands.run("losetup", "-f", "--show", image.toString());
        assumeTrue(attach.exit() == 0, "losetup is not allowed here: " + attach.output());
        String loop = attach.output().strip();
        try {
            assertThatThrownBy(() -> check.check(image, MIB, true))
                    .hasMessageContaining("is in use (attached to " + loop + ")");
            // and the loop device itself, once mounted through FUSE, is refused too
        } finally {
            Commands.run("losetup", "-d", loop);
        }
    }

    @Test
    void refusesAMountedVolume() throws Exception {
        Commands.assumeDriveTools();
        Path image = DataSets.image(dir, "mounted.img", 32 * MIB);
        Commands.run("mkntfs", "-F", "-Q", "-q", image.toString());
        Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
        Commands.Result mount = Commands.run("ntfs-3g", image.toString(), mountPoint.toString());
        assumeTrue(mount.exit() == 0, "ntfs-3g cannot mount here: " + mount.output());
        try {
            assertThatThrownBy(() -> check.check(image, MIB, true))
                    .hasMessageContaining("is in use (mounted on " + mountPoint + ")");
        } finally {
            Commands.run("umount", mountPoint.toString());
        }
    }
}
