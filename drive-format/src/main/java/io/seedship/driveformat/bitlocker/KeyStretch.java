package io.seedship.driveformat.bitlocker;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * BitLocker's password stretching: {@code initial = SHA-256(secret)}, then 0x100000 rounds of SHA-256 over the
 * 88-byte structure {@code {last[32], initial[32], salt[16], u64 LE count}}, the hash written back to {@code last}
 * and the count incremented each round, both starting at zero. The final {@code last} is the AES-256 key that
 * opens the VMK.
 */
final class KeyStretch {

    static final int SALT_LENGTH = 16;
    private static final int ROUNDS = 0x100000;

    private KeyStretch() {
    }

    /** The AES-256 key that opens a recovery-password protector with this salt: 0.1-0.3 s of SHA-256. */
    static byte[] recoveryPasswordKey(RecoveryPassword password, byte[] salt) {
        byte[] recoveryKey = password.key();
        try {
            return stretch(recoveryKey, salt);
        } finally {
            Arrays.fill(recoveryKey, (byte) 0);
        }
    }

    static byte[] stretch(byte[] secret, byte[] salt) {
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("salt must be 16 bytes, got " + salt.length);
        }
        MessageDigest sha = sha256();
        byte[] state = new byte[88];
        try {
            sha.update(secret);
            sha.digest(state, 32, 32);
            System.arraycopy(salt, 0, state, 64, SALT_LENGTH);
            for (int count = 0; count < ROUNDS; count++) {
                // u64 little-endian count; it stays below 2^21, so only 3 bytes ever change
                state[80] = (byte) count;
                state[81] = (byte) (count >>> 8);
                state[82] = (byte) (count >>> 16);
                sha.update(state, 0, 88);
                sha.digest(state, 0, 32);
            }
            return Arrays.copyOf(state, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(state, (byte) 0);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
