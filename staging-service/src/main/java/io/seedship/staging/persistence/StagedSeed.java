package io.seedship.staging.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An accepted seed and its staging write. */
@MappedEntity("staged_seed")
public record StagedSeed(@Id String seedId, String importJobName, String importJobNameKey, String subscriptionId,
                         byte[] request, String correlationId, String stagingDir, long estimatedStagedBytes,
                         StagingState state, @Nullable String readyEventId,
                         @Nullable String certificateThumbprint, Instant acceptedAt, @Nullable Instant startedAt,
                         @Nullable Instant finishedAt, @Nullable String manifestSha256, @Nullable Long sourceBytes,
                         @Nullable Long stagedBytes, @Nullable Long fileCount, @Nullable Integer chunkCount,
                         @Nullable String failure) {

  public static String jobNameKey(String importJobName) {
    return importJobName.toLowerCase(java.util.Locale.ROOT);
  }

  /** The source was sized and the staging location has room: accepted, waiting for its backup server. */
  public StagedSeed accepted(long estimatedStagedBytes) {
    return new StagedSeed(seedId, importJobName, importJobNameKey, subscriptionId, request, correlationId, stagingDir,
        estimatedStagedBytes, StagingState.ACCEPTED, readyEventId, certificateThumbprint, acceptedAt, startedAt,
        finishedAt, manifestSha256, sourceBytes, stagedBytes, fileCount, chunkCount, failure);
  }

  public StagedSeed writing(Instant at) {
    return new StagedSeed(seedId, importJobName, importJobNameKey, subscriptionId, request, correlationId, stagingDir,
        estimatedStagedBytes, StagingState.WRITING, readyEventId, certificateThumbprint, acceptedAt,
        startedAt == null ? at : startedAt, finishedAt, manifestSha256, sourceBytes, stagedBytes, fileCount,
        chunkCount, failure);
  }

  public StagedSeed ready(String readyEventId, String thumbprint) {
    return new StagedSeed(seedId, importJobName, importJobNameKey, subscriptionId, request, correlationId, stagingDir,
        estimatedStagedBytes, StagingState.READY, readyEventId, thumbprint, acceptedAt, startedAt, finishedAt,
        manifestSha256, sourceBytes, stagedBytes, fileCount, chunkCount, failure);
  }

  public StagedSeed completed(Instant at, String manifestSha256, long sourceBytes, long stagedBytes, long fileCount,
                              int chunkCount) {
    return new StagedSeed(seedId, importJobName, importJobNameKey, subscriptionId, request, correlationId, stagingDir,
        estimatedStagedBytes, StagingState.COMPLETED, readyEventId, certificateThumbprint, acceptedAt,
        startedAt, at, manifestSha256, sourceBytes, stagedBytes, fileCount, chunkCount, null);
  }

  public StagedSeed cancelled(Instant at, String why) {
    return new StagedSeed(seedId, importJobName, importJobNameKey, subscriptionId, request, correlationId, stagingDir,
        estimatedStagedBytes, StagingState.CANCELLED, readyEventId, certificateThumbprint, acceptedAt, startedAt,
        at, manifestSha256, sourceBytes, stagedBytes, fileCount, chunkCount, why);
  }

  public StagedSeed failed(Instant at, String failure) {
    return new StagedSeed(seedId, importJobName, importJobNameKey, subscriptionId, request, correlationId, stagingDir,
        estimatedStagedBytes, StagingState.FAILED, readyEventId, certificateThumbprint, acceptedAt, startedAt,
        at, manifestSha256, sourceBytes, stagedBytes, fileCount, chunkCount, failure);
  }
}
