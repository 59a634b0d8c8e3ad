package io.seedship.driveformat.ntfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One in-use MFT record ("FILE" record) with its fixups undone and its attributes parsed. */
final class MftRecord {

    static final int FLAG_IN_USE = 0x01;
    static final int FLAG_DIRECTORY = 0x02;
    private static final long MAGIC_FILE = 0x454c4946L; // "FILE"
    private static final long MAGIC_BAAD = 0x44414142L; // "BAAD": NTFS found a torn write here
    private static final long REFERENCE_MASK = 0xffff_ffff_ffffL;

    final long number;
    final int sequence;
    final int flags;
    /** Record number of the base record, or 0 if this is a base record. */
    final long baseRecord;
    final int baseSequence;
    final List<Attribute> attributes;
    /** The record bytes with the fixups undone (what the patcher edits). */
    final byte[] bytes;

    private MftRecord(long number, int sequence, int flags, long baseReference, List<Attribute> attributes, byte[] bytes) {
        this.number = number;
        this.sequence = sequence;
        this.flags = flags;
        this.baseRecord = baseReference & REFERENCE_MASK;
        this.baseSequence = (int) (baseReference >>> 48);
        this.attributes = attributes;
        this.bytes = bytes;
    }

    boolean directory() {
        return (flags & FLAG_DIRECTORY) != 0;
    }

    static long recordOf(long reference) {
        return reference & REFERENCE_MASK;
    }

    static int sequenceOf(long reference) {
        return (int) (reference >>> 48);
    }

    /**
     * Parses the {@code size} bytes at {@code off}; null when the slot holds no in-use record (never
     * formatted, or free). Throws for an in-use record that is corrupt, naming it.
     */
    static MftRecord parse(long number, byte[] buf, int off, int size) throws NtfsException {
        long magic = Bytes.u32(buf, off);
        if (magic == 0) {
            return null;
        }
        if (magic == MAGIC_BAAD) {
            throw NtfsException.record(number, "marked BAAD (NTFS detected a torn write)");
        }
        if (magic != MAGIC_FILE) {
            throw NtfsException.record(number, "no FILE magic (found 0x" + Long.toHexString(magic) + ")");
        }
        // the header fields used here all lie in the first stride before its fixup tail, so read them raw
        int flags = Bytes.u16(buf, off + 0x16);
        if ((flags & FLAG_IN_USE) == 0) {
            return null;
        }
        byte[] b = Arrays.copyOfRange(buf, off, off + size);
        Fixups.undo(b, size, number);
        int usaOffset = Bytes.u16(b, 0x04);
        int sequence = Bytes.u16(b, 0x10);
        int attrsOffset = Bytes.u16(b, 0x14);
        long bytesInUse = Bytes.u32(b, 0x18);
        long bytesAllocated = Bytes.u32(b, 0x1C);
        long baseReference = Bytes.s64(b, 0x20);
        if (bytesAllocated != size || bytesInUse > size || bytesInUse < attrsOffset + 4) {
            throw NtfsException.record(number, "header says " + bytesInUse + " bytes used of " + bytesAllocated
                    + ", record size is " + size);
        }
        // NTFS 3.1 records (USA after 0x30) carry their own number: catches a wrong $MFT runlist early
        if (usaOffset >= 0x30 && Bytes.u32(b, 0x2C) != (number & 0xffff_ffffL)) {
            throw NtfsException.record(number, "record says it is number " + Bytes.u32(b, 0x2C));
        }
        if (attrsOffset % 8 != 0 || attrsOffset < usaOffset) {
            throw NtfsException.record(number, "first attribute offset " + attrsOffset);
        }
        List<Attribute> attributes = new ArrayList<>();
        int pos = attrsOffset;
        int end = (int) bytesInUse;
        while (true) {
            if (pos + 4 > end) {
                throw NtfsException.record(number, "attributes run past the used bytes without an end marker");
            }
            if ((int) Bytes.u32(b, pos) == Attribute.END) {
                break;
            }
            Attribute attribute = Attribute.parse(number, b, pos, end);
            attributes.add(attribute);
            pos += (int) Bytes.u32(b, pos + 0x04);
        }
        return new MftRecord(number, sequence, flags, baseReference, List.copyOf(attributes), b);
    }
}
