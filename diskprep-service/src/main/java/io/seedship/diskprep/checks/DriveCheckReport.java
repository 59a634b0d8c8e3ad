package io.seedship.diskprep.checks;

import io.seedship.diskprep.inventory.Drive;
import java.util.List;

/**
 * The verdict on drives chosen for one import job.
 *
 * @param drives        one verdict per drive, in the order given
 * @param job           refusals of the set as a whole (drive count, capacity)
 * @param capacityBytes bytes of data the accepted drives hold together, once formatted and encrypted
 * @param bytesToPlace  the bytes asked for
 */
public record DriveCheckReport(List<DriveVerdict> drives, List<Refusal> job, long capacityBytes, long bytesToPlace) {

    public DriveCheckReport {
        drives = List.copyOf(drives);
        job = List.copyOf(job);
    }

    /** True when every drive and the set as a whole may be used. */
    public boolean accepted() {
        return job.isEmpty() && drives.stream().allMatch(DriveVerdict::accepted);
    }

    public List<Drive> acceptedDrives() {
        return drives.stream().filter(DriveVerdict::accepted).map(DriveVerdict::drive).toList();
    }

    /** Bytes the accepted drives cannot hold; 0 when they hold all. */
    public long bytesStillToPlace() {
        return Math.max(0, bytesToPlace - capacityBytes);
    }
}
