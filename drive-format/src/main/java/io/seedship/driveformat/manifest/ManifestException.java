package io.seedship.driveformat.manifest;

import java.io.IOException;

/** A drive manifest that cannot be read: the message names the field and the rule. */
public class ManifestException extends IOException {
    public ManifestException(String message) {
        super(message);
    }
}
