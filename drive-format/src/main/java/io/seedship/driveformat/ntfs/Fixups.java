package io.seedship.driveformat.ntfs;

/**
 * NTFS update-sequence ("multi-sector transfer") protection of MFT records: the last two bytes of every
 * 512-byte stride are replaced on disk by the update sequence number, and the real bytes kept in the
 * update sequence array. A torn write leaves a stride whose tail is not the current USN.
 */
final class Fixups {

    static final int STRIDE = 512; // fixed by NTFS, whatever the sector size

    private Fixups() {
    }

    /** Checks every stride's tail against the USN and puts the real bytes back (in place). */
    static void undo(byte[] record, int size, long recordNumber) throws NtfsException {
        int usaOffset = usaOffset(record, size, recordNumber);
        int usn = Bytes.u16(record, usaOffset);
        for (int i = 1; i <= size / STRIDE; i++) {
            int tail = i * STRIDE - 2;
            int found = Bytes.u16(record, tail);
            if (found != usn) {
                throw NtfsException.record(recordNumber, "update sequence mismatch in stride " + (i - 1) + " (found 0x"
                        + Integer.toHexString(found) + ", USN 0x" + Integer.toHexString(usn) + "): torn or corrupt record");
            }
            record[tail] = record[usaOffset + 2 * i];
            record[tail + 1] = record[usaOffset + 2 * i + 1];
        }
    }

    /** Increments the USN (skipping 0 and 0xFFFF as NTFS does) and protects every stride with it (in place). */
    static void apply(byte[] record, int size, long recordNumber) throws NtfsException {
        int usaOffset = usaOffset(record, size, recordNumber);
        int usn = Bytes.u16(record, usaOffset) + 1;
        if (usn == 0xffff || usn == 0x10000) {
            usn = 1;
        }
        Bytes.put16(record, usaOffset, usn);
        for (int i = 1; i <= size / STRIDE; i++) {
            int tail = i * STRIDE - 2;
            record[usaOffset + 2 * i] = record[tail];
            record[usaOffset + 2 * i + 1] = record[tail + 1];
            Bytes.put16(record, tail, usn);
        }
    }

    private static int usaOffset(byte[] record, int size, long recordNumber) throws NtfsException {
        int usaOffset = Bytes.u16(record, 0x04);
        int usaCount = Bytes.u16(record, 0x06);
        if (usaCount != size / STRIDE + 1) {
            throw NtfsException.record(recordNumber, "update sequence array has " + usaCount + " entries, expected "
                    + (size / STRIDE + 1) + " for a " + size + "-byte record");
        }
        if (usaOffset % 2 != 0 || usaOffset < 0x28 || usaOffset + 2 * usaCount > STRIDE - 2) {
            throw NtfsException.record(recordNumber, "update sequence array offset " + usaOffset);
        }
        return usaOffset;
    }
}
