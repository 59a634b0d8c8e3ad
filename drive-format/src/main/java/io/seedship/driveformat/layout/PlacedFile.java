package io.seedship.driveformat.layout;

import io.seedship.driveformat.ntfs.Extent;
import java.util.List;

/**
 * Where a file's data lies on the drive, for the writer: its clusters in file order.
 *
 * @param copied true for a small file ntfscp copied whole during layout (its bytes are then encrypted with the NTFS
 *               metadata); false for a preallocated file whose data the writer puts straight into {@code extents}
 */
public record PlacedFile(String filePath, long length, boolean copied, List<Extent> extents) {

    public PlacedFile {
        extents = List.copyOf(extents);
    }
}
