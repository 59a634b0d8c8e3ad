package io.seedship.driveformat.bitlocker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.NoSuchProviderException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * IEEE 1619 XTS-AES on the JCE's {@code AES/ECB/NoPadding} (AES-NI), for data units that are whole AES blocks.
 * The tweak of each data unit is its sector number as a little-endian u64 (dm-crypt's "plain64").
 *
 * <p>Bulk AES goes through as few ECB calls as possible: the tweak inputs of all sectors of a chunk in one call,
 * the data of the chunk in another, with the tweak stream (GF(2^128) doubling, little-endian, 0x87) XORed in
 * before and after. Chunks are small enough to stay in the CPU cache. Scratch buffers are reused, so an instance
 * is NOT thread-safe: use one per thread.
 */
public final class Xts {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 16;
    /** Bytes processed per round of ECB calls; also the largest data unit supported. */
    private static final int CHUNK = 32 * 1024;

    private final Cipher dataEncrypt;
    private final Cipher dataDecrypt;
    private final Cipher tweakEncrypt;
    /** The tweak of every block of the current chunk, kept for the XOR after AES. */
    private final byte[] tweakStream = new byte[CHUNK];
    /** Sector numbers in, encrypted initial tweaks out: one block per data unit of the current chunk. */
    private final byte[] unitTweaks = new byte[CHUNK];

    /**
     * @param fvek 32 bytes (XTS-AES-128) or 64 bytes (XTS-AES-256): the first half is the data key, the second
     *             half the tweak key. The bytes are copied.
     */
    public Xts(byte[] fvek) {
        if (fvek == null || (fvek.length != 32 && fvek.length != 64)) {
            throw new IllegalArgumentException("an XTS key is 32 or 64 bytes, got "
                    + (fvek == null ? "none" : fvek.length + " bytes"));
        }
        int half = fvek.length / 2;
        SecretKeySpec dataKey = new SecretKeySpec(fvek, 0, half, "AES");
        SecretKeySpec tweakKey = new SecretKeySpec(fvek, half, half, "AES");
        dataEncrypt = ecb(Cipher.ENCRYPT_MODE, dataKey);
        dataDecrypt = ecb(Cipher.DECRYPT_MODE, dataKey);
        tweakEncrypt = ecb(Cipher.ENCRYPT_MODE, tweakKey);
    }

    /** Encrypts {@code len} bytes in place; {@code len} is a multiple of {@code sectorSize}, the first unit is {@code firstSector}. */
    public void encrypt(byte[] buf, int off, int len, long firstSector, int sectorSize) {
        process(dataEncrypt, buf, off, len, firstSector, sectorSize);
    }

    /** Decrypts {@code len} bytes in place; {@code len} is a multiple of {@code sectorSize}, the first unit is {@code firstSector}. */
    public void decrypt(byte[] buf, int off, int len, long firstSector, int sectorSize) {
        process(dataDecrypt, buf, off, len, firstSector, sectorSize);
    }

    private void process(Cipher data, byte[] buf, int off, int len, long firstSector, int sectorSize) {
        if (sectorSize < BLOCK || sectorSize > CHUNK || sectorSize % BLOCK != 0) {
            throw new IllegalArgumentException("sector size must be a multiple of 16 from 16 to " + CHUNK + ", got " + sectorSize);
        }
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside a buffer of " + buf.length);
        }
        if (len % sectorSize != 0) {
            throw new IllegalArgumentException("length " + len + " is not a multiple of the sector size " + sectorSize);
        }
        if (firstSector < 0) {
            throw new IllegalArgumentException("negative sector number " + firstSector);
        }
        int unitsPerChunk = CHUNK / sectorSize;
        long sector = firstSector;
        int end = off + len;
        for (int pos = off; pos < end; ) {
            int units = Math.min(unitsPerChunk, (end - pos) / sectorSize);
            int n = units * sectorSize;
            for (int u = 0; u < units; u++) {
                LONG.set(unitTweaks, u * BLOCK, sector + u);
                LONG.set(unitTweaks, u * BLOCK + 8, 0L);
            }
            ecbInPlace(tweakEncrypt, unitTweaks, 0, units * BLOCK);
            whitenAndRecord(buf, pos, units, sectorSize);
            ecbInPlace(data, buf, pos, n);
            for (int i = 0; i < n; i += 8) {
                LONG.set(buf, pos + i, (long) LONG.get(buf, pos + i) ^ (long) LONG.get(tweakStream, i));
            }
            pos += n;
            sector += units;
        }
    }

    /** XORs each block with its tweak and remembers the tweak stream for the second XOR. */
    private void whitenAndRecord(byte[] buf, int pos, int units, int sectorSize) {
        int t = 0;
        int p = pos;
        for (int u = 0; u < units; u++) {
            long lo = (long) LONG.get(unitTweaks, u * BLOCK);
            long hi = (long) LONG.get(unitTweaks, u * BLOCK + 8);
            for (int b = 0; b < sectorSize; b += BLOCK) {
                LONG.set(tweakStream, t, lo);
                LONG.set(tweakStream, t + 8, hi);
                LONG.set(buf, p, (long) LONG.get(buf, p) ^ lo);
                LONG.set(buf, p + 8, (long) LONG.get(buf, p + 8) ^ hi);
                // multiply by alpha in GF(2^128), the tweak read as a little-endian 128-bit number
                long carry = hi >> 63;
                hi = (hi << 1) | (lo >>> 63);
                lo = (lo << 1) ^ (carry & 0x87);
                t += BLOCK;
                p += BLOCK;
            }
        }
    }

    private static void ecbInPlace(Cipher cipher, byte[] buf, int off, int len) {
        try {
            int done = cipher.update(buf, off, len, buf, off);
            if (done != len) {
                throw new IllegalStateException("AES/ECB returned " + done + " of " + len + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB failed", e);
        }
    }

    private static Cipher ecb(int mode, SecretKeySpec key) {
        try {
            Cipher cipher;
            try {
                // the JDK's provider has the AES-NI intrinsics; a security provider added ahead of it may not
                cipher = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
            } catch (NoSuchProviderException e) {
                cipher = Cipher.getInstance("AES/ECB/NoPadding");
            }
            cipher.init(mode, key);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is not available", e);
        }
    }
}
