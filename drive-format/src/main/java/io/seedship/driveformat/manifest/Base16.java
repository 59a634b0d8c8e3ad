package io.seedship.driveformat.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Upper-case hex digests, the Base16 the Import/Export service writes and expects. */
public final class Base16 {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Base16() {
    }

    public static String of(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static MessageDigest md5() {
        return digest("MD5");
    }

    public static String md5(byte[] bytes) {
        return of(md5().digest(bytes));
    }

    public static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }
}
