package io.seedship.staging.persistence;

/** Where a seed stands in staging-service. */
public enum StagingState {
  /** Valid, accepted; waiting for its application-ready event. */
  ACCEPTED,
  /** Its application is ready; a writer may claim it. */
  READY,
  /** Claimed by the writer of {@code owner}; resumed by that instance after a restart. */
  WRITING,
  /** The initial backup and its manifest are complete; StagingCompleted was published. */
  COMPLETED,
  /** The write failed for good; SeedFailed was published. */
  FAILED
}
