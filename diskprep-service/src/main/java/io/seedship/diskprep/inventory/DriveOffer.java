package io.seedship.diskprep.inventory;

/**
 * A drive as the copy machine offers it: the drive, and what it seems to hold.
 *
 * @param contents what the drive holds ("a BitLocker volume", "an NTFS volume", ...), or null when it is blank;
 *                 read from its first and last MiB, never from its files
 */
public record DriveOffer(Drive drive, String contents) {

    /** A drive that holds a BitLocker volume or Seedship's unfinished-write marker may be one already prepared. */
    public boolean mayBePrepared() {
        return contents != null && (contents.contains("BitLocker") || contents.contains("Seedship"));
    }
}
