package io.seedship.staging.persistence;

/** Where a seed stands in staging-service. */
public enum StagingState {
  /** Its request passed the quick checks (its import job name is taken); the source is being sized. */
  CHECKING,
  /** Valid, accepted; waiting for its application-ready event. */
  ACCEPTED,
  /** Its application is ready; the staging write is scheduled. */
  READY,
  /** The staging write runs (as durable work; a restart or another instance resumes it). */
  WRITING,
  /** The initial backup and its manifest are complete; StagingCompleted was published. */
  COMPLETED,
  /** The write failed for good; SeedFailed was published. */
  FAILED,
  /** An operator cancelled it before staging completed; SeedFailed (cancelled) was published. */
  CANCELLED;

  /** Staging-service still holds the seed: a cancel now ends it here. */
  public boolean beforeCompletion() {
    return this == CHECKING || this == ACCEPTED || this == READY || this == WRITING;
  }
}
