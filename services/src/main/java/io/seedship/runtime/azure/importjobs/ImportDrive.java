package io.seedship.runtime.azure.importjobs;

import java.util.Objects;

/**
 * A drive as an import job is created with it. The BitLocker recovery password is a secret: it goes to Azure in the
 * request and nowhere else, and never into {@link #toString()}.
 *
 * @param driveId the drive's serial number, as the datacenter reads it
 * @param manifestFile the manifest's path on the drive, e.g. {@code \\8a0c...manifest}
 * @param manifestHash Base16 MD5 of the manifest file
 */
public record ImportDrive(String driveId, String bitLockerKey, String manifestFile, String manifestHash,
                          String driveHeaderHash) {

  public ImportDrive {
    Objects.requireNonNull(driveId, "driveId");
    Objects.requireNonNull(bitLockerKey, "bitLockerKey");
  }

  @Override
  public String toString() {
    return "ImportDrive[driveId=" + driveId + ", bitLockerKey=(redacted), manifestFile=" + manifestFile
        + ", manifestHash=" + manifestHash + "]";
  }
}
