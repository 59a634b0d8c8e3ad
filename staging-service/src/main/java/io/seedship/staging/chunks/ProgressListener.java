package io.seedship.staging.chunks;

/**
 * Hears how a staging goes. Calls come from the staging's threads, one at a time, never concurrently; a listener
 * should return quickly.
 */
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    /** At most once per progress interval, and once at the end. */
    void progress(StagingProgress progress);

    /** Something the operator should know: a resume, a damaged chunk being redone, a source that changed. */
    default void notice(String message) {
    }
}
