package io.seedship.driveformat.write;

/** Told after each block written; called on the writing thread, so it must be quick. */
@FunctionalInterface
public interface ProgressListener {

    void written(long bytesDone, long bytesTotal);

    ProgressListener NONE = (done, total) -> {
    };
}
