package io.seedship.driveformat.bitlocker;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A BitLocker numerical recovery password: 48 digits in 8 groups of 6, each group {@code w * 11} with
 * {@code w < 65536}. The 16-byte recovery key is the 8 values {@code w} as little-endian u16.
 *
 * <p>The digits are a secret: {@link #toString()} is redacted, parse errors name the group and the rule but never
 * the digits, and {@link #reveal()} is the only way to obtain them.
 */
public final class RecoveryPassword {

    private static final int GROUPS = 8;
    private static final int DIGITS = 6;
    private static final int LIMIT = 65536 * 11;

    private final int[] words;

    private RecoveryPassword(int[] words) {
        this.words = words;
    }

    /** A new random recovery password: 8 uniformly random 16-bit words. */
    public static RecoveryPassword generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        int[] words = new int[GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            words[i] = random.nextInt(65536);
        }
        return new RecoveryPassword(words);
    }

    /**
     * Parses "dddddd-dddddd-...-dddddd" (8 groups) or the 48 digits without dashes; whitespace is ignored.
     *
     * @throws IllegalArgumentException naming the group (1-8) and the rule it breaks, never the digits
     */
    public static RecoveryPassword parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        StringBuilder compact = new StringBuilder(55);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                compact.append(c);
            }
        }
        String[] groups;
        if (compact.indexOf("-") >= 0) {
            groups = compact.toString().split("-", -1);
        } else if (compact.length() == GROUPS * DIGITS) {
            groups = new String[GROUPS];
            for (int i = 0; i < GROUPS; i++) {
                groups[i] = compact.substring(i * DIGITS, (i + 1) * DIGITS);
            }
        } else {
            throw new IllegalArgumentException("a recovery password is 8 groups of 6 digits separated by '-' (48 digits), got "
                    + compact.length() + " characters");
        }
        if (groups.length != GROUPS) {
            throw new IllegalArgumentException("a recovery password has 8 groups of 6 digits separated by '-', got "
                    + groups.length + " groups");
        }
        int[] words = new int[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            String group = groups[g];
            int n = g + 1;
            if (group.length() != DIGITS) {
                throw new IllegalArgumentException("recovery password group " + n + ": must be 6 digits, has "
                        + group.length() + " characters");
            }
            int value = 0;
            for (int i = 0; i < DIGITS; i++) {
                char c = group.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("recovery password group " + n + ": must be 6 digits (0-9)");
                }
                value = value * 10 + (c - '0');
            }
            if (value % 11 != 0) {
                throw new IllegalArgumentException("recovery password group " + n
                        + ": not a multiple of 11 (a digit is mistyped)");
            }
            if (value >= LIMIT) {
                throw new IllegalArgumentException("recovery password group " + n + ": must be below 720896 (65536 x 11)");
            }
            words[g] = value / 11;
        }
        return new RecoveryPassword(words);
    }

    /** The recovery password as Windows shows it: "123456-123456-...". The only way to obtain the digits. */
    public String reveal() {
        StringBuilder sb = new StringBuilder(55);
        for (int i = 0; i < GROUPS; i++) {
            if (i > 0) {
                sb.append('-');
            }
            String digits = Integer.toString(words[i] * 11);
            sb.append("000000", 0, DIGITS - digits.length()).append(digits);
        }
        return sb.toString();
    }

    /** The 16-byte recovery key (the 8 words, little-endian), a fresh copy. */
    public byte[] key() {
        byte[] key = new byte[2 * GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            key[2 * i] = (byte) words[i];
            key[2 * i + 1] = (byte) (words[i] >>> 8);
        }
        return key;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RecoveryPassword other)) {
            return false;
        }
        byte[] a = key();
        byte[] b = other.key();
        boolean same = MessageDigest.isEqual(a, b);
        Arrays.fill(a, (byte) 0);
        Arrays.fill(b, (byte) 0);
        return same;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "RecoveryPassword[redacted]";
    }
}
