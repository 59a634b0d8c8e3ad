package io.seedship.diskprep.persistence;

/** A confirmed drive's progress. */
public enum DriveWriteState {
  /** Confirmed for a seed; nothing written yet, no recovery password yet. */
  CONFIRMED,
  /** Its recovery password is sealed and kept; the write has begun (the drive's journal says how far). */
  WRITING,
  /** Written, sealed and read back against its manifest. */
  WRITTEN
}
