package io.seedship.driveformat.bitlocker;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The two keys of a BitLocker volume: the volume master key (VMK, 32 bytes, protected by the recovery password)
 * and the full-volume encryption key (FVEK, both XTS halves, protected by the VMK). Arrays are copied in and out;
 * {@link #toString()} never shows them.
 */
public record BitLockerKeys(EncryptionMethod method, byte[] vmk, byte[] fvek) {

    public static final int VMK_LENGTH = 32;

    public BitLockerKeys {
        Objects.requireNonNull(method, "method");
        if (vmk == null || vmk.length != VMK_LENGTH) {
            throw new IllegalArgumentException("the VMK is 32 bytes");
        }
        if (fvek == null || fvek.length != method.keyLength()) {
            throw new IllegalArgumentException("the FVEK of " + method + " is " + method.keyLength() + " bytes");
        }
        vmk = vmk.clone();
        fvek = fvek.clone();
    }

    /** Fresh random keys. XTS wants its two halves different: with random bytes they are. */
    public static BitLockerKeys generate(EncryptionMethod method, SecureRandom random) {
        byte[] vmk = new byte[VMK_LENGTH];
        byte[] fvek = new byte[method.keyLength()];
        random.nextBytes(vmk);
        random.nextBytes(fvek);
        try {
            return new BitLockerKeys(method, vmk, fvek);
        } finally {
            Arrays.fill(vmk, (byte) 0);
            Arrays.fill(fvek, (byte) 0);
        }
    }

    @Override
    public byte[] vmk() {
        return vmk.clone();
    }

    @Override
    public byte[] fvek() {
        return fvek.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitLockerKeys k && method == k.method
                && MessageDigest.isEqual(vmk, k.vmk) && MessageDigest.isEqual(fvek, k.fvek);
    }

    @Override
    public int hashCode() {
        return 31 * method.hashCode() + Arrays.hashCode(vmk);
    }

    @Override
    public String toString() {
        return "BitLockerKeys[method=" + method + ", vmk=redacted, fvek=redacted]";
    }
}
