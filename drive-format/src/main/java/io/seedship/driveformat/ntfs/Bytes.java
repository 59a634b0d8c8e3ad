package io.seedship.driveformat.ntfs;

import java.nio.charset.StandardCharsets;

/** Little-endian field access on byte arrays (all NTFS structures are little-endian). */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int off) {
        return u16(b, off) | (long) u16(b, off + 2) << 16;
    }

    static long s64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    /** A signed little-endian integer of 1..8 bytes (runlist fields). */
    static long signed(byte[] b, int off, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        int unused = 64 - 8 * size;
        return unused == 0 ? v : v << unused >> unused;
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void put64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> 8 * i);
        }
    }

    static String utf16(byte[] b, int off, int chars) {
        return new String(b, off, 2 * chars, StandardCharsets.UTF_16LE);
    }
}
