package io.seedship.diskprep.inventory;

import java.nio.file.Path;
import java.util.List;

/**
 * One whole drive (never a partition) as the copy machine sees it.
 *
 * @param device             its device node, e.g. /dev/sdb
 * @param sizeBytes          its size in bytes
 * @param logicalSectorSize  the sector size reads and writes address, in bytes
 * @param physicalSectorSize the sector size the media writes, in bytes
 * @param rotational         true for spinning disks
 * @param removable          the kernel's removable-media flag (card readers, most USB sticks)
 * @param transport          how it is attached
 * @param media              HDD, SSD or UNKNOWN
 * @param model              the model string, "" when the drive gives none
 * @param serial             the serial number, "" when the drive gives none
 * @param vendor             the vendor string, "" when the drive gives none
 * @param systemDisk         true when it holds the copy machine's root file system
 * @param mountPoints        where it or any of its partitions is mounted
 */
public record Drive(Path device, long sizeBytes, int logicalSectorSize, int physicalSectorSize, boolean rotational,
                    boolean removable, Transport transport, Media media, String model, String serial, String vendor,
                    boolean systemDisk, List<String> mountPoints) {

    public Drive {
        mountPoints = List.copyOf(mountPoints);
    }

    /** How a person finds this drive: its device and serial. */
    public String label() {
        return serial.isEmpty() ? device + " (no serial)" : device + " (serial " + serial + ")";
    }
}
