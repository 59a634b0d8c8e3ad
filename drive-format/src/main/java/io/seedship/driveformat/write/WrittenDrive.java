package io.seedship.driveformat.write;

import java.nio.file.Path;

/**
 * A drive written and sealed: what the import job's drive list needs besides the recovery password (which the caller
 * chose and keeps).
 *
 * @param manifestFile    the manifest's path on the drive ("\&lt;guid&gt;.manifest")
 * @param manifestHash    Base16 MD5 of the manifest file
 * @param driveHeaderHash see {@link io.seedship.driveformat.manifest.DriveHeaderHash}
 * @param bytesWritten    data bytes this run wrote (less than {@code dataBytes} after a resume)
 */
public record WrittenDrive(String driveId, Path device, String manifestFile, String manifestHash, String driveHeaderHash,
                           int blobs, long dataBytes, long bytesWritten, boolean resumed) {
}
