package io.seedship.driveformat.bitlocker;

import java.io.IOException;

/**
 * A BitLocker volume that cannot be opened, with the reason. Messages say what is wrong and never contain a key,
 * a password or a recovery key.
 */
public class BitLockerException extends IOException {

    public enum Reason {
        /** No BitLocker signature where one was expected. */
        NOT_BITLOCKER,
        /** No recovery-password protector opens with the given password (its AES-CCM tag does not verify). */
        WRONG_PASSWORD,
        /** A valid BitLocker volume in a form this package does not handle (AES-CBC, no recovery password, ...). */
        UNSUPPORTED,
        /** Damaged or inconsistent metadata (bad CRC in every copy, impossible offsets, ...). */
        CORRUPT
    }

    private final Reason reason;

    public BitLockerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public BitLockerException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
