package io.seedship.driveformat.bitlocker;

/** The BitLocker encryption methods this package reads and writes: AES-XTS only (Windows 10 1511 and later). */
public enum EncryptionMethod {
    AES_XTS_128(0x8004, 32),
    AES_XTS_256(0x8005, 64);

    private final int code;
    private final int keyLength;

    EncryptionMethod(int code, int keyLength) {
        this.code = code;
        this.keyLength = keyLength;
    }

    /** The method code stored in the FVE metadata (dataset header and FVEK key record). */
    public int code() {
        return code;
    }

    /** Length in bytes of the full-volume encryption key: both XTS halves. */
    public int keyLength() {
        return keyLength;
    }

    /** The method for a code; IllegalArgumentException names what the code is when it is a known but unsupported one. */
    public static EncryptionMethod ofCode(int code) {
        for (EncryptionMethod m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("encryption method 0x" + Integer.toHexString(code) + " (" + describe(code)
                + ") is not supported: only AES-XTS-128 (0x8004) and AES-XTS-256 (0x8005)");
    }

    /** A readable name for any BitLocker method code, for messages. */
    static String describe(int code) {
        return switch (code) {
            case 0x8000 -> "AES-CBC-128 with Elephant diffuser";
            case 0x8001 -> "AES-CBC-256 with Elephant diffuser";
            case 0x8002 -> "AES-CBC-128";
            case 0x8003 -> "AES-CBC-256";
            case 0x8004 -> "AES-XTS-128";
            case 0x8005 -> "AES-XTS-256";
            default -> "unknown";
        };
    }
}
