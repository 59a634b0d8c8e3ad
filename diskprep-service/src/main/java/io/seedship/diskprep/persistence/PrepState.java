package io.seedship.diskprep.persistence;

/** Where a seed stands on this copy machine. */
public enum PrepState {
  /** Accepted for this copy machine; staging has not finished (staging-service still holds the seed). */
  ACCEPTED,
  /** Staging completed: the seed is this copy machine's; its staging and the drives are being read to offer drives. */
  OFFERING,
  /** Staged: drives are offered, waiting for the operator's confirmation. */
  STAGED,
  /** Drives confirmed: being written. */
  WRITING,
  /** Every drive written and verified: the import job is being created. */
  WRITTEN,
  /** The import job exists. */
  JOB_CREATED,
  FAILED,
  /** An operator cancelled the seed while this copy machine held it. */
  CANCELLED
}
