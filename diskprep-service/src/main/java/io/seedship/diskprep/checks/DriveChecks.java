package io.seedship.diskprep.checks;

import io.seedship.diskprep.inventory.Drive;
import io.seedship.diskprep.inventory.Transport;
import io.seedship.driveformat.plan.DriveCapacity;
import java.util.ArrayList;
import java.util.List;

/**
 * The drive rules of Azure Import/Export, checked on the inventory before a drive is chosen for an import job: SATA
 * II/III HDDs (2.5" or 3.5") and 2.5" SSDs only, no USB or external enclosures, at most 10 drives per job, enough
 * capacity for the data. On top, the copy machine's own rules: never its system disk, never a mounted drive.
 *
 * <p>Right before writing, drive-format's {@code TargetCheck} checks the chosen device again (swap, device-mapper or md
 * holders, existing content); these checks come first, on what the inventory knows, so a person can choose again.
 *
 * <p>The form factor (2.5"/3.5") is not visible to the operating system: the person choosing the drives confirms it.
 */
public final class DriveChecks {

    /** Documented: at most 10 drives per import job. */
    public static final int MAX_DRIVES_PER_JOB = 10;

    private final boolean allowVirtualDrives;

    /** The rules as documented: virtual (loop) drives refused. */
    public DriveChecks() {
        this(false);
    }

    /**
     * @param allowVirtualDrives for tests and development only: accept loop and other virtual devices as if they were
     *                           SATA drives, so an end-to-end run can use loop devices
     */
    public DriveChecks(boolean allowVirtualDrives) {
        this.allowVirtualDrives = allowVirtualDrives;
    }

    /** Checks the drives chosen for one import job that must hold {@code bytesToPlace} bytes of data. */
    public DriveCheckReport check(List<Drive> drives, long bytesToPlace) {
        List<DriveVerdict> verdicts = new ArrayList<>();
        long capacity = 0;
        for (Drive drive : drives) {
            DriveVerdict verdict = new DriveVerdict(drive, refusals(drive));
            verdicts.add(verdict);
            if (verdict.accepted()) {
                capacity += DriveCapacity.available(drive.sizeBytes());
            }
        }
        List<Refusal> job = new ArrayList<>();
        long accepted = verdicts.stream().filter(DriveVerdict::accepted).count();
        if (drives.isEmpty()) {
            job.add(new Refusal(DriveRule.SOME_DRIVE, "no drive chosen: connect SATA drives to the copy machine and choose them"));
        }
        // counted among the accepted drives: those are the ones the import job would list
        if (accepted > MAX_DRIVES_PER_JOB) {
            job.add(new Refusal(DriveRule.AT_MOST_TEN_DRIVES, accepted + " drives accepted, an import job takes at most "
                    + MAX_DRIVES_PER_JOB + ": choose fewer, or split the data over another import job"));
        }
        if (capacity < bytesToPlace) {
            long missing = bytesToPlace - capacity;
            job.add(new Refusal(DriveRule.ENOUGH_CAPACITY, (accepted == 0 ? "no accepted drive" : "the " + accepted
                    + " accepted drive(s) hold " + capacity + " bytes once formatted") + ", " + bytesToPlace
                    + " bytes to place: " + missing + " bytes still to place, add drives or larger drives"));
        }
        return new DriveCheckReport(verdicts, job, capacity, bytesToPlace);
    }

    private List<Refusal> refusals(Drive drive) {
        String name = drive.label();
        List<Refusal> refusals = new ArrayList<>();
        Transport transport = drive.transport();
        if (transport == Transport.USB || drive.removable()) {
            refusals.add(new Refusal(DriveRule.NOT_EXTERNAL, name + " is " + (transport == Transport.USB ? "attached by USB"
                    : "removable media") + ": Import/Export takes no USB drives or external enclosures; take the drive out"
                    + " of its enclosure and connect it to an internal SATA port"));
        } else if (transport == Transport.VIRTUAL) {
            if (!allowVirtualDrives) {
                refusals.add(new Refusal(DriveRule.NOT_VIRTUAL, name + " is a virtual device (loop or virtual disk), not a"
                        + " drive that can be shipped: choose a SATA drive (virtual drives are allowed only with"
                        + " allowVirtualDrives, for tests)"));
            }
        } else if (transport != Transport.SATA) {
            String what = switch (transport) {
                case SAS -> "a SAS drive: SAS is not in the documented list";
                case NVME -> "an NVMe drive: NVMe is not in the documented list";
                default -> "attached by an unknown transport";
            };
            refusals.add(new Refusal(DriveRule.SATA_DRIVE, name + " is " + what + " (SATA II/III HDD, 2.5\" or 3.5\", or"
                    + " 2.5\" SATA SSD): use a SATA drive"));
        }
        if (drive.systemDisk()) {
            refusals.add(new Refusal(DriveRule.NOT_SYSTEM_DISK, name + " holds this copy machine's root file system:"
                    + " choose another drive"));
        }
        if (!drive.mountPoints().isEmpty()) {
            refusals.add(new Refusal(DriveRule.NOT_MOUNTED, name + " is mounted on " + String.join(", ", drive.mountPoints())
                    + ": unmount it (and its partitions) before choosing it"));
        }
        if (drive.serial().isBlank()) {
            refusals.add(new Refusal(DriveRule.HAS_SERIAL, name + " reports no serial number: the import job names each"
                    + " drive by its serial, so the datacenter could not match it; use a drive that reports one"));
        }
        return refusals;
    }
}
