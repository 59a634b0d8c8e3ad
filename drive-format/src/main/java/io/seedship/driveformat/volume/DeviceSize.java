package io.seedship.driveformat.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Size in bytes of an image file or a block device. */
public final class DeviceSize {

    private DeviceSize() {
    }

    public static long of(Path path) throws IOException {
        Path real = path.toRealPath();
        if (Files.isRegularFile(real)) {
            return Files.size(real);
        }
        // a block device: /sys/class/block/<name>/size counts 512-byte sectors whatever the logical sector size
        Path sysSize = Path.of("/sys/class/block", real.getFileName().toString(), "size");
        if (Files.isReadable(sysSize)) {
            return Long.parseLong(Files.readString(sysSize).trim()) * 512L;
        }
        throw new IOException(path + ": neither a regular file nor a block device known to /sys/class/block");
    }
}
