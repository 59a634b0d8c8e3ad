package io.seedship.driveformat.ntfs;

import java.util.Arrays;
import java.util.List;

/**
 * One attribute record inside an MFT record. For a non-resident attribute split over several records
 * (attribute list), this is one extent: {@code runs} cover {@code lowestVcn..highestVcn}, and the sizes
 * are only meaningful in the extent with {@code lowestVcn == 0}.
 *
 * @param recordNumber the MFT record holding this attribute record
 * @param offset byte offset of the attribute header inside that record
 */
record Attribute(long recordNumber, int offset, int type, String name, int flags, int instance,
        boolean nonResident, byte[] value, long lowestVcn, long highestVcn, int compressionUnit,
        long allocatedSize, long dataSize, long initializedSize, List<Extent> runs) {

    static final int STANDARD_INFORMATION = 0x10;
    static final int ATTRIBUTE_LIST = 0x20;
    static final int FILE_NAME = 0x30;
    static final int DATA = 0x80;
    static final int END = 0xffffffff;

    static final int FLAG_COMPRESSION_MASK = 0x00ff;
    static final int FLAG_ENCRYPTED = 0x4000;
    static final int FLAG_SPARSE = 0x8000;

    /** Offsets of the size fields in a non-resident attribute header (the patcher writes the initialized size). */
    static final int ALLOCATED_SIZE_FIELD = 0x28;
    static final int DATA_SIZE_FIELD = 0x30;
    static final int INITIALIZED_SIZE_FIELD = 0x38;

    boolean compressed() {
        return (flags & FLAG_COMPRESSION_MASK) != 0;
    }

    boolean encrypted() {
        return (flags & FLAG_ENCRYPTED) != 0;
    }

    /** Parses the attribute header at {@code off}; {@code end} is the end of the record's used bytes. */
    static Attribute parse(long recordNumber, byte[] b, int off, int end) throws NtfsException {
        int type = (int) Bytes.u32(b, off);
        long length = Bytes.u32(b, off + 0x04);
        if (length < 0x18 || length % 8 != 0 || off + length > end) {
            throw NtfsException.record(recordNumber, "attribute 0x" + Integer.toHexString(type) + " at offset " + off
                    + " has length " + length);
        }
        int attrEnd = off + (int) length;
        boolean nonResident = b[off + 0x08] != 0;
        int nameLength = Bytes.u8(b, off + 0x09);
        int nameOffset = Bytes.u16(b, off + 0x0A);
        if (nameLength > 0 && (nameOffset < 0x10 || off + nameOffset + 2 * nameLength > attrEnd)) {
            throw NtfsException.record(recordNumber, "attribute 0x" + Integer.toHexString(type) + " name outside it");
        }
        String name = nameLength == 0 ? "" : Bytes.utf16(b, off + nameOffset, nameLength);
        int flags = Bytes.u16(b, off + 0x0C);
        int instance = Bytes.u16(b, off + 0x0E);
        if (!nonResident) {
            long valueLength = Bytes.u32(b, off + 0x10);
            int valueOffset = Bytes.u16(b, off + 0x14);
            if (valueOffset < 0x18 || off + valueOffset + valueLength > attrEnd) {
                throw NtfsException.record(recordNumber, "resident attribute 0x" + Integer.toHexString(type)
                        + " value (" + valueLength + " bytes at " + valueOffset + ") outside it");
            }
            byte[] value = Arrays.copyOfRange(b, off + valueOffset, off + valueOffset + (int) valueLength);
            return new Attribute(recordNumber, off, type, name, flags, instance, false, value, 0, 0, 0,
                    valueLength, valueLength, valueLength, List.of());
        }
        if (length < 0x40) {
            throw NtfsException.record(recordNumber, "non-resident attribute 0x" + Integer.toHexString(type)
                    + " header of only " + length + " bytes");
        }
        long lowestVcn = Bytes.s64(b, off + 0x10);
        long highestVcn = Bytes.s64(b, off + 0x18);
        int pairsOffset = Bytes.u16(b, off + 0x20);
        int compressionUnit = Bytes.u8(b, off + 0x22);
        long allocated = Bytes.s64(b, off + ALLOCATED_SIZE_FIELD);
        long dataSize = Bytes.s64(b, off + DATA_SIZE_FIELD);
        long initialized = Bytes.s64(b, off + INITIALIZED_SIZE_FIELD);
        String what = "non-resident attribute 0x" + Integer.toHexString(type);
        if (lowestVcn < 0 || highestVcn < lowestVcn - 1) {
            throw NtfsException.record(recordNumber, what + " VCN range " + lowestVcn + ".." + highestVcn);
        }
        if (pairsOffset < 0x40 || pairsOffset >= length) {
            throw NtfsException.record(recordNumber, what + " mapping pairs offset " + pairsOffset);
        }
        if (lowestVcn == 0 && (dataSize < 0 || initialized < 0 || initialized > dataSize || allocated < 0)) {
            throw NtfsException.record(recordNumber, what + " sizes: allocated " + allocated + ", data " + dataSize
                    + ", initialized " + initialized);
        }
        List<Extent> runs = Runlist.decode(b, off + pairsOffset, attrEnd, lowestVcn, recordNumber);
        long next = runs.isEmpty() ? lowestVcn : runs.getLast().vcn() + runs.getLast().clusters();
        // like ntfs-3g, tolerate a zero highest VCN (written by some old drivers)
        if (highestVcn != 0 && next != highestVcn + 1) {
            throw NtfsException.record(recordNumber, what + " runlist ends at VCN " + (next - 1) + ", header says "
                    + highestVcn);
        }
        return new Attribute(recordNumber, off, type, name, flags, instance, true, null, lowestVcn, highestVcn,
                compressionUnit, allocated, dataSize, initialized, List.copyOf(runs));
    }
}
