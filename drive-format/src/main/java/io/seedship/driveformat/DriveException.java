package io.seedship.driveformat;

import java.io.IOException;

/** A drive, or a file meant for one, that cannot be used or written: the message names it and says why. */
public class DriveException extends IOException {

    private final String subject;

    public DriveException(String subject, String reason) {
        super(subject + ": " + reason);
        this.subject = subject;
    }

    public DriveException(String subject, String reason, Throwable cause) {
        super(subject + ": " + reason, cause);
        this.subject = subject;
    }

    /** The drive (device or image path) or source file concerned. */
    public String subject() {
        return subject;
    }
}
