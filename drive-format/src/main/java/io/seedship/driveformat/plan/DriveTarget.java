package io.seedship.driveformat.plan;

import java.nio.file.Path;

/**
 * A drive to write: a block device or an image file.
 *
 * @param driveId the drive's hardware serial number without blanks, as the import job's drive list names it
 * @param size    bytes
 */
public record DriveTarget(Path device, String driveId, long size) {

    public DriveTarget {
        if (driveId == null || !driveId.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(device + ": driveId '" + driveId + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }
}
