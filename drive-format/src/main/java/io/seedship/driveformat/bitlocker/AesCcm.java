package io.seedship.driveformat.bitlocker;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-CCM with a 12-byte nonce and a 16-byte tag, as BitLocker protects its keys. BitLocker stores the tag
 * before the ciphertext; BouncyCastle produces and expects the tag after it, so both directions reorder.
 */
final class AesCcm {

    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    private AesCcm() {
    }

    /** Encrypts and returns {@code tag || ciphertext}. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
        CCMModeCipher ccm = cipher(true, key, nonce);
        byte[] out = new byte[ccm.getOutputSize(plaintext.length)];
        int n = ccm.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            n += ccm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-CCM encryption failed", e);
        }
        byte[] stored = new byte[n];
        int ctLength = n - TAG_LENGTH;
        System.arraycopy(out, ctLength, stored, 0, TAG_LENGTH);
        System.arraycopy(out, 0, stored, TAG_LENGTH, ctLength);
        Arrays.fill(out, (byte) 0);
        return stored;
    }

    /** Decrypts {@code tag || ciphertext}; AEADBadTagException when the tag does not verify (wrong key or tampered). */
    static byte[] open(byte[] key, byte[] nonce, byte[] stored) throws AEADBadTagException {
        if (stored.length < TAG_LENGTH) {
            throw new AEADBadTagException("AES-CCM data shorter than its tag");
        }
        int ctLength = stored.length - TAG_LENGTH;
        byte[] in = new byte[stored.length];
        System.arraycopy(stored, TAG_LENGTH, in, 0, ctLength);
        System.arraycopy(stored, 0, in, ctLength, TAG_LENGTH);
        CCMModeCipher ccm = cipher(false, key, nonce);
        byte[] out = new byte[ccm.getOutputSize(in.length)];
        try {
            int n = ccm.processBytes(in, 0, in.length, out, 0);
            n += ccm.doFinal(out, n);
            return n == out.length ? out : Arrays.copyOf(out, n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw new AEADBadTagException("AES-CCM tag does not verify");
        }
    }

    private static CCMModeCipher cipher(boolean encrypt, byte[] key, byte[] nonce) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("AES-CCM nonce must be 12 bytes, got " + nonce.length);
        }
        CCMModeCipher ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
        ccm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce));
        return ccm;
    }
}
