package io.seedship.driveformat.ntfs;

import java.io.IOException;

/** A corrupt or unsupported NTFS structure; the message names the MFT record (when there is one) and what is wrong. */
public class NtfsException extends IOException {

    private static final long serialVersionUID = 1L;

    public NtfsException(String message) {
        super(message);
    }

    public NtfsException(String message, Throwable cause) {
        super(message, cause);
    }

    static NtfsException record(long recordNumber, String what) {
        return new NtfsException("MFT record " + recordNumber + ": " + what);
    }
}
