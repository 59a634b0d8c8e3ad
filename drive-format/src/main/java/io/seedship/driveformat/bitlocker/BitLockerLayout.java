package io.seedship.driveformat.bitlocker;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * Where BitLocker's own data sits on a volume: three 64 KiB FVE metadata areas and one 8 KiB area holding the
 * 16 relocated boot sectors (encrypted). All four read as zeros through the decrypted view, so the file system
 * must keep them free (Windows reserves them with its FVE2.* files).
 *
 * @param volumeSize         bytes of the whole device, the encrypted volume size and the decrypted view's size
 * @param sectorSize         512 (4096 is read, not written)
 * @param metadataOffsets    byte offsets of the three 64 KiB metadata areas
 * @param headerBackupOffset byte offset of the 8 KiB area holding sectors 0-15
 * @param volumeGuid         the BitLocker volume GUID (as cryptsetup and manage-bde print it)
 * @param created            creation time, stored as a FILETIME (100 ns resolution)
 */
public record BitLockerLayout(long volumeSize, int sectorSize, long[] metadataOffsets, long headerBackupOffset,
                              UUID volumeGuid, Instant created) {

    public static final int METADATA_AREA_SIZE = 64 * 1024;
    public static final int HEADER_BACKUP_SIZE = 8 * 1024;

    public BitLockerLayout {
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new IllegalArgumentException("sector size must be 512 or 4096, got " + sectorSize);
        }
        if (volumeSize <= 0 || volumeSize % sectorSize != 0) {
            throw new IllegalArgumentException("volume size " + volumeSize + " is not a positive multiple of " + sectorSize);
        }
        Objects.requireNonNull(metadataOffsets, "metadataOffsets");
        if (metadataOffsets.length != 3) {
            throw new IllegalArgumentException("there are 3 metadata areas, got " + metadataOffsets.length + " offsets");
        }
        metadataOffsets = metadataOffsets.clone();
        Objects.requireNonNull(volumeGuid, "volumeGuid");
        Objects.requireNonNull(created, "created");
        created = Instant.ofEpochSecond(created.getEpochSecond(), created.getNano() / 100 * 100);
        long[] starts = {metadataOffsets[0], metadataOffsets[1], metadataOffsets[2], headerBackupOffset};
        long[] sizes = {METADATA_AREA_SIZE, METADATA_AREA_SIZE, METADATA_AREA_SIZE, HEADER_BACKUP_SIZE};
        for (int i = 0; i < 4; i++) {
            String name = i < 3 ? "metadata area " + (i + 1) : "header backup area";
            if (starts[i] % sectorSize != 0) {
                throw new IllegalArgumentException(name + " at " + starts[i] + " is not sector-aligned");
            }
            // the first 8 KiB are the relocated boot sectors themselves; nothing of BitLocker's may sit there
            if (starts[i] < HEADER_BACKUP_SIZE || starts[i] > volumeSize - sizes[i]) {
                throw new IllegalArgumentException(name + " at " + starts[i] + " is not inside the volume after its first 8 KiB");
            }
            for (int j = 0; j < i; j++) {
                if (starts[i] < starts[j] + sizes[j] && starts[j] < starts[i] + sizes[i]) {
                    throw new IllegalArgumentException(name + " at " + starts[i] + " overlaps another area at " + starts[j]);
                }
            }
        }
    }

    /** A 512-byte-sector layout with a random volume GUID, created now. */
    public static BitLockerLayout create(long volumeSize, long[] metadataOffsets, long headerBackupOffset, SecureRandom random) {
        return new BitLockerLayout(volumeSize, 512, metadataOffsets, headerBackupOffset,
                WindowsTypes.randomGuid(random), Instant.now());
    }

    @Override
    public long[] metadataOffsets() {
        return metadataOffsets.clone();
    }

    /** True when the byte at {@code offset} lies in one of the four areas (read as zeros, never file data). */
    public boolean isReserved(long offset) {
        for (long m : metadataOffsets) {
            if (offset >= m && offset < m + METADATA_AREA_SIZE) {
                return true;
            }
        }
        return offset >= headerBackupOffset && offset < headerBackupOffset + HEADER_BACKUP_SIZE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitLockerLayout l && volumeSize == l.volumeSize && sectorSize == l.sectorSize
                && Arrays.equals(metadataOffsets, l.metadataOffsets) && headerBackupOffset == l.headerBackupOffset
                && volumeGuid.equals(l.volumeGuid) && created.equals(l.created);
    }

    @Override
    public int hashCode() {
        return Objects.hash(volumeSize, sectorSize, Arrays.hashCode(metadataOffsets), headerBackupOffset, volumeGuid, created);
    }

    @Override
    public String toString() {
        return "BitLockerLayout[volumeSize=" + volumeSize + ", sectorSize=" + sectorSize + ", metadataOffsets="
                + Arrays.toString(metadataOffsets) + ", headerBackupOffset=" + headerBackupOffset + ", volumeGuid="
                + volumeGuid + ", created=" + created + "]";
    }
}
