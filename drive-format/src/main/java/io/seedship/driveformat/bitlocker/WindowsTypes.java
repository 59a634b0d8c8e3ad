package io.seedship.driveformat.bitlocker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.UUID;

/** Windows on-disk encodings: GUIDs (first three fields little-endian) and FILETIME (100 ns since 1601). */
final class WindowsTypes {

    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DIFF_SECONDS = 11_644_473_600L;

    private WindowsTypes() {
    }

    static void putGuid(ByteBuffer b, UUID guid) {
        long msb = guid.getMostSignificantBits();
        ByteOrder order = b.order();
        b.order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
        b.order(ByteOrder.BIG_ENDIAN).putLong(guid.getLeastSignificantBits());
        b.order(order);
    }

    static UUID getGuid(ByteBuffer b) {
        ByteOrder order = b.order();
        b.order(ByteOrder.LITTLE_ENDIAN);
        long a = b.getInt() & 0xffffffffL;
        long m = b.getShort() & 0xffffL;
        long h = b.getShort() & 0xffffL;
        long lsb = b.order(ByteOrder.BIG_ENDIAN).getLong();
        b.order(order);
        return new UUID((a << 32) | (m << 16) | h, lsb);
    }

    static byte[] guidBytes(UUID guid) {
        ByteBuffer b = ByteBuffer.allocate(16);
        putGuid(b, guid);
        return b.array();
    }

    static long toFileTime(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond() + EPOCH_DIFF_SECONDS, 10_000_000L), t.getNano() / 100);
    }

    static Instant fromFileTime(long fileTime) {
        long seconds = Long.divideUnsigned(fileTime, 10_000_000L) - EPOCH_DIFF_SECONDS;
        long hundreds = Long.remainderUnsigned(fileTime, 10_000_000L);
        return Instant.ofEpochSecond(seconds, hundreds * 100);
    }

    /** A random (version 4) GUID drawn from the given generator. */
    static UUID randomGuid(java.security.SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        ByteBuffer bb = ByteBuffer.wrap(b);
        return new UUID(bb.getLong(), bb.getLong());
    }
}
