package io.seedship.stagingformat;

import java.util.HexFormat;

/** Every hash in the staging files is lowercase hex (Base16), like {@code sha256sum} and {@code md5sum} print it. */
public final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String of(byte[] digest) {
        return LOWER.formatHex(digest);
    }

    public static boolean isLowerHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
