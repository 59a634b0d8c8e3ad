package io.seedship.driveformat.write;

import io.seedship.driveformat.bitlocker.BitLockerVolume;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.ntfs.NtfsFile;
import io.seedship.driveformat.ntfs.NtfsVolume;
import io.seedship.driveformat.volume.FileVolume;
import java.nio.file.Path;

/** Looks inside a written drive with the library's own reader, for tests that damage it on purpose. */
final class DriveInspection {

    private DriveInspection() {
    }

    /** The drive offset holding byte {@code fileOffset} of a file. */
    static long driveOffset(Path device, RecoveryPassword password, String filePath, long fileOffset) throws Exception {
        try (FileVolume raw = FileVolume.open(device)) {
            NtfsVolume ntfs = NtfsVolume.open(BitLockerVolume.unlock(raw, password));
            NtfsFile file = ntfs.find(filePath).orElseThrow();
            return new ClusterMap(file.extents(), ntfs.clusterSize()).map(fileOffset, 1).get(0).offset();
        }
    }

    /** Same, on a drive whose sector 0 is not written yet. */
    static long driveOffset(Path device, RecoveryPassword password, long metadataOffset, String filePath, long fileOffset)
            throws Exception {
        try (FileVolume raw = FileVolume.open(device)) {
            NtfsVolume ntfs = NtfsVolume.open(BitLockerVolume.unlock(raw, password, metadataOffset));
            NtfsFile file = ntfs.find(filePath).orElseThrow();
            return new ClusterMap(file.extents(), ntfs.clusterSize()).map(fileOffset, 1).get(0).offset();
        }
    }
}
