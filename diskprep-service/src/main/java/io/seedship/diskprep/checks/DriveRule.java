package io.seedship.diskprep.checks;

/** The documented rules a drive, and the drives of one import job, must meet. */
public enum DriveRule {
    /** Import/Export accepts SATA II/III hard drives (2.5" or 3.5") and 2.5" SSDs. */
    SATA_DRIVE,
    /** No USB drives and no external enclosures: the datacenter connects bare internal drives. */
    NOT_EXTERNAL,
    /** Loop and other virtual devices are not drives; allowed only for tests and development. */
    NOT_VIRTUAL,
    /** The copy machine's own disk is never erased. */
    NOT_SYSTEM_DISK,
    /** A drive in use is never erased: neither it nor any of its partitions may be mounted. */
    NOT_MOUNTED,
    /**
     * A drive that holds a BitLocker volume or Seedship's unfinished-write marker is never formatted again unless this
     * copy machine is writing it for the same seed: it may be a drive prepared for another seed.
     */
    NOT_PREPARED,
    /** The drive belongs to no other seed and to this one at most once. */
    NOT_IN_USE,
    /** The import job names each drive by its serial number, so a drive must report one. */
    HAS_SERIAL,
    /** At least one drive must be chosen. */
    SOME_DRIVE,
    /** At most 10 drives per import job. */
    AT_MOST_TEN_DRIVES,
    /** The accepted drives together must hold the bytes to place. */
    ENOUGH_CAPACITY
}
