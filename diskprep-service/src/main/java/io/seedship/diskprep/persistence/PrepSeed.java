package io.seedship.diskprep.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A seed this copy machine prepares drives for. */
@MappedEntity("prep_seed")
public record PrepSeed(@Id String seedId, byte[] accepted, PrepState state, @Nullable String stagingDir,
                       @Nullable String manifestPath, @Nullable String manifestSha256, @Nullable Long bytesNeeded,
                       @Nullable byte[] stagedFiles,
                       @Nullable String confirmedBy, @Nullable String importJobName, @Nullable String importJobId,
                       Instant updatedAt) {

  public static PrepSeed accepted(String seedId, byte[] accepted, Instant at) {
    return new PrepSeed(seedId, accepted, PrepState.ACCEPTED, null, null, null, null, null, null, null, null, at);
  }

  public PrepSeed offering(Instant at) {
    return new PrepSeed(seedId, accepted, PrepState.OFFERING, stagingDir, manifestPath, manifestSha256, bytesNeeded,
        stagedFiles, confirmedBy, importJobName, importJobId, at);
  }

  public PrepSeed staged(String stagingDir, String manifestPath, String manifestSha256, long bytesNeeded,
                         byte[] stagedFiles, Instant at) {
    return new PrepSeed(seedId, accepted, PrepState.STAGED, stagingDir, manifestPath, manifestSha256, bytesNeeded,
        stagedFiles, confirmedBy, importJobName, importJobId, at);
  }

  public PrepSeed writing(String confirmedBy, Instant at) {
    return new PrepSeed(seedId, accepted, PrepState.WRITING, stagingDir, manifestPath, manifestSha256, bytesNeeded,
        stagedFiles, confirmedBy, importJobName, importJobId, at);
  }

  public PrepSeed written(Instant at) {
    return new PrepSeed(seedId, accepted, PrepState.WRITTEN, stagingDir, manifestPath, manifestSha256, bytesNeeded,
        stagedFiles, confirmedBy, importJobName, importJobId, at);
  }

  public PrepSeed jobCreated(String jobName, String jobId, Instant at) {
    return new PrepSeed(seedId, accepted, PrepState.JOB_CREATED, stagingDir, manifestPath, manifestSha256, bytesNeeded,
        stagedFiles, confirmedBy, jobName, jobId, at);
  }

  public PrepSeed failed(Instant at) {
    return new PrepSeed(seedId, accepted, PrepState.FAILED, stagingDir, manifestPath, manifestSha256, bytesNeeded,
        stagedFiles, confirmedBy, importJobName, importJobId, at);
  }

  public PrepSeed cancelled(Instant at) {
    return new PrepSeed(seedId, accepted, PrepState.CANCELLED, stagingDir, manifestPath, manifestSha256, bytesNeeded,
        stagedFiles, confirmedBy, importJobName, importJobId, at);
  }
}
