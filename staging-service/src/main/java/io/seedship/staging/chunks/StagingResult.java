package io.seedship.staging.chunks;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A completed staging.
 *
 * @param manifestPath   the staging-manifest.json
 * @param manifestSha256 SHA-256 of the manifest file, lowercase hex (also in staging-manifest.json.sha256)
 * @param sourceBytes    bytes of all staged files
 * @param stagedBytes    bytes of all chunk files
 * @param skipped        the first {@value #SKIPPED_LISTED} entries not staged (fifos, sockets, devices), in walk
 *                       order; all of them are in the manifest
 * @param skippedCount   how many entries were not staged in all
 */
public record StagingResult(Path manifestPath, String manifestSha256, long sourceBytes, long stagedBytes, long fileCount,
                            int chunkCount, List<Skipped> skipped, long skippedCount) {

    /** Skipped entries listed in a result (and in StagingCompleted); the rest are counted. */
    public static final int SKIPPED_LISTED = 100;

    public StagingResult {
        skipped = List.copyOf(skipped);
        if (skipped.size() > SKIPPED_LISTED || skippedCount < skipped.size()) {
            throw new IllegalArgumentException(skipped.size() + " skipped entries listed of " + skippedCount
                    + ": at most " + SKIPPED_LISTED + ", and no more than the count");
        }
    }

    /**
     * A source entry not staged.
     *
     * @param path   relative to the source root, '/'-separated
     * @param kind   "fifo", "socket", "character device", "block device", ...
     * @param reason why it was not staged
     */
    public record Skipped(String path, String kind, String reason) {

        public Skipped {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        /** From a manifest entry's skip reason, "fifo: not a regular file, directory or symlink". */
        static Skipped of(String path, String skipReason) {
            int colon = skipReason.indexOf(": ");
            return colon < 0 ? new Skipped(path, "other", skipReason)
                    : new Skipped(path, skipReason.substring(0, colon), skipReason.substring(colon + 2));
        }
    }

    /** Collects the first {@value #SKIPPED_LISTED} skipped entries of a walk over the manifest's entries. */
    static final class SkippedList {

        private final java.util.ArrayList<Skipped> listed = new java.util.ArrayList<>();

        void add(String path, String skipReason) {
            if (listed.size() < SKIPPED_LISTED) {
                listed.add(Skipped.of(path, skipReason));
            }
        }

        List<Skipped> listed() {
            return listed;
        }
    }
}
