package io.seedship.stagingformat;

import java.io.IOException;

/** A manifest, journal or chunk that does not match what was recorded; the message names the file and the rule. */
public class ManifestException extends IOException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
