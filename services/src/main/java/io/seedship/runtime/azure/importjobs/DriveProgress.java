package io.seedship.runtime.azure.importjobs;

import io.seedship.contracts.common.DriveState;

/**
 * One drive of a job as the datacenter reports it; the copy-log URIs once it has them.
 *
 * @param copyStatus the datacenter's copy status text (the copy log's drive status), or null
 */
public record DriveProgress(String driveId, DriveState state, Integer percentComplete, Long bytesSucceeded,
                            String errorLogUri, String verboseLogUri, String copyStatus) {

  public DriveProgress(String driveId, DriveState state, Integer percentComplete, Long bytesSucceeded,
                       String errorLogUri, String verboseLogUri) {
    this(driveId, state, percentComplete, bytesSucceeded, errorLogUri, verboseLogUri, null);
  }
}
