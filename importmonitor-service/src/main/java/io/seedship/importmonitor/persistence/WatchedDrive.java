package io.seedship.importmonitor.persistence;

import io.seedship.contracts.common.DriveState;

/** One drive of a watched job as last seen; state null until first seen. */
public record WatchedDrive(String seedId, String driveId, DriveState state, String copyStatus, Integer percentComplete,
                           Long bytesSucceeded, String errorLogUri, String verboseLogUri) {
}
