package io.seedship.diskprep.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A drive confirmed for a seed on this copy machine. {@code recoveryPassword} is sealed (see
 * {@code custody.RecoveryPasswords}) and never leaves this class in {@link #toString()}.
 */
@MappedEntity("prep_drive")
public record PrepDrive(@Id String serial, String seedId, int driveIndex, String device, long sizeBytes,
                        DriveWriteState state, @Nullable byte[] recoveryPassword, @Nullable String manifestFile,
                        @Nullable String manifestHash, @Nullable String driveHeaderHash, @Nullable Integer blobCount,
                        @Nullable Long dataBytes, Instant confirmedAt, @Nullable Instant writtenAt) {

  public static PrepDrive confirmed(String serial, String seedId, int driveIndex, String device, long sizeBytes,
                                    Instant at) {
    return new PrepDrive(serial, seedId, driveIndex, device, sizeBytes, DriveWriteState.CONFIRMED, null, null, null,
        null, null, null, at, null);
  }

  /** The drive with its sealed recovery password, about to be written. */
  public PrepDrive writing(byte[] sealedPassword) {
    return new PrepDrive(serial, seedId, driveIndex, device, sizeBytes, DriveWriteState.WRITING, sealedPassword, null,
        null, null, null, null, confirmedAt, null);
  }

  public PrepDrive written(String manifestFile, String manifestHash, String driveHeaderHash, int blobCount,
                           long dataBytes, Instant at) {
    return new PrepDrive(serial, seedId, driveIndex, device, sizeBytes, DriveWriteState.WRITTEN, recoveryPassword,
        manifestFile, manifestHash, driveHeaderHash, blobCount, dataBytes, confirmedAt, at);
  }

  /** The same drive with its recovery password sealed anew (a KEK rotation). */
  public PrepDrive resealed(byte[] sealedPassword) {
    return new PrepDrive(serial, seedId, driveIndex, device, sizeBytes, state, sealedPassword, manifestFile,
        manifestHash, driveHeaderHash, blobCount, dataBytes, confirmedAt, writtenAt);
  }

  @Override
  public String toString() {
    return "PrepDrive[" + serial + " of seed " + seedId + ", #" + driveIndex + " " + device + ", " + state + "]";
  }
}
