package io.seedship.staging.intake;

import static io.seedship.staging.intake.LocalPaths.reason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The staging directory must exist, take new files and have room for the compressed initial backup. */
final class StagingLocationCheck {

  static final String FIELD = "stagingLocation";

  private final FreeSpacePolicy freeSpace;

  StagingLocationCheck(FreeSpacePolicy freeSpace) {
    this.freeSpace = freeSpace;
  }

  /**
   * Checks that the directory exists and takes new files (fast; its free space is {@link #checkRoom}'s).
   *
   * @return the directory when it exists and is writable, for the caller's checks against other paths
   */
  Optional<Path> check(String value, Problems problems) {
    Optional<Path> existing = LocalPaths.existingDirectory(FIELD, value, problems,
        "create the directory or give an existing one", "give the directory the initial backup is written into");
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    Path dir = existing.get();
    Optional<String> notWritable = probeWrite(dir);
    if (notWritable.isPresent()) {
      problems.add(FIELD, FIELD + " '" + value + "' " + notWritable.get());
      return Optional.empty();
    }
    return Optional.of(dir);
  }

  /**
   * Creates and deletes a file: permission bits and ACLs do not tell whether a share or a read-only mount takes
   * writes, trying does. The probe is deleted at once, so validation leaves the directory as it found it.
   */
  private static Optional<String> probeWrite(Path dir) {
    Path probe;
    try {
      probe = Files.createTempFile(dir, ".seedship-write-probe-", ".tmp");
    } catch (IOException e) {
      return Optional.of("is not writable (" + reason(e) + "); give staging-service's account write access to it"
          + " or choose another directory");
    }
    try {
      Files.delete(probe);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("takes new files but its probe file '" + probe + "' could not be deleted (" + reason(e)
          + "); staging deletes files too: fix the permissions and delete the probe file");
    }
  }

  /** Checks that the directory has room for the estimated staged size plus the policy's margin and reserve. */
  void checkRoom(Path dir, String value, Estimate estimate, Problems problems) {
    String named = FIELD + " '" + value + "'";
    long free;
    try {
      free = Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      problems.add(FIELD, "the free space of " + named + " cannot be read (" + reason(e) + ")");
      return;
    }
    long needed = freeSpace.needed(estimate.estimatedStagedBytes());
    if (free < needed) {
      problems.add(FIELD, named + " has " + ByteSizes.human(free) + " free but the seed needs "
          + ByteSizes.human(needed) + " (" + freeSpace.explain(estimate.estimatedStagedBytes()) + "); free space"
          + " there or choose a staging location with more room");
    }
  }
}
