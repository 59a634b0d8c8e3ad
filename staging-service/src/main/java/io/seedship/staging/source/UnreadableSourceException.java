package io.seedship.staging.source;

import java.io.IOException;

/**
 * A source path that cannot be listed, read or examined; the message names the path (its middle cut when it is very
 * long) and the cause.
 */
public class UnreadableSourceException extends IOException {

    private final String path;

    public UnreadableSourceException(String path, String problem, Throwable cause) {
        super(LongPaths.shown(path) + ": " + problem + (cause == null ? "" : " (" + cause + ")"), cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
