package io.seedship.staging.source;

import io.seedship.stagingformat.SourceEntry;
import java.io.Closeable;
import java.io.IOException;

/** The entries of a source in its deterministic order; not thread-safe. */
public interface SourceWalk extends Closeable {

    /** The next entry, or null after the last one. */
    SourceEntry next() throws IOException;

    @Override
    void close() throws IOException;
}
