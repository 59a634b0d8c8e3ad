package io.seedship.runtime.azure.importjobs;

import io.seedship.contracts.common.DriveState;

/** One drive of a job as the datacenter reports it; the copy-log URIs once it has them. */
public record DriveProgress(String driveId, DriveState state, Integer percentComplete, Long bytesSucceeded,
                            String errorLogUri, String verboseLogUri) {
}
