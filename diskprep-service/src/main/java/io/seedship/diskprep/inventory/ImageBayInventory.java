package io.seedship.diskprep.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Image files standing in for drives, for development and tests on a machine without spare drives: every
 * {@code <serial>.img} in the bay directory is a virtual SSD with that serial. The write path is the same as for a
 * block device (drive-format writes image files and devices alike); the drive checks refuse these unless virtual
 * drives are allowed ({@code seedship.diskprep.allow-virtual-drives}).
 */
public final class ImageBayInventory implements DriveInventory {

    static final String SUFFIX = ".img";

    private final Path bay;

    public ImageBayInventory(Path bay) {
        this.bay = bay;
    }

    @Override
    public List<Drive> drives() throws IOException {
        if (!Files.isDirectory(bay)) {
            return List.of();
        }
        List<Drive> drives = new ArrayList<>();
        try (Stream<Path> files = Files.list(bay)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX) && name.length() > SUFFIX.length() && Files.isRegularFile(file)) {
                    drives.add(new Drive(file, Files.size(file), 512, 4096, false, false, Transport.VIRTUAL, Media.SSD,
                            "image file", name.substring(0, name.length() - SUFFIX.length()), "seedship", false,
                            List.of()));
                }
            }
        }
        return drives;
    }
}
