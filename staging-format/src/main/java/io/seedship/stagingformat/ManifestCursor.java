package io.seedship.stagingformat;

import java.io.Closeable;
import java.io.IOException;

/** Streams the records of one list of the manifest; not thread-safe. */
public interface ManifestCursor<T> extends Closeable {

    /** The next record, or null after the last one. */
    T next() throws IOException;

    @Override
    void close() throws IOException;
}
