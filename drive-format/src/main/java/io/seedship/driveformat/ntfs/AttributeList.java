package io.seedship.driveformat.ntfs;

import java.util.ArrayList;
import java.util.List;

/**
 * Entries of an $ATTRIBUTE_LIST value: where each attribute (extent) of a file lives when its
 * attributes do not fit in the base record.
 */
final class AttributeList {

    record Entry(int type, String name, long lowestVcn, long recordNumber, int sequence, int instance) {
    }

    private AttributeList() {
    }

    static List<Entry> parse(byte[] v, long baseRecord) throws NtfsException {
        List<Entry> entries = new ArrayList<>();
        int pos = 0;
        while (pos + 0x1A <= v.length) {
            int type = (int) Bytes.u32(v, pos);
            int length = Bytes.u16(v, pos + 0x04);
            int nameLength = Bytes.u8(v, pos + 0x06);
            int nameOffset = Bytes.u8(v, pos + 0x07);
            if (length < 0x1A || pos + length > v.length
                    || (nameLength > 0 && nameOffset + 2 * nameLength > length)) {
                throw NtfsException.record(baseRecord, "attribute list entry at " + pos + " has length " + length);
            }
            long reference = Bytes.s64(v, pos + 0x10);
            entries.add(new Entry(type, nameLength == 0 ? "" : Bytes.utf16(v, pos + nameOffset, nameLength),
                    Bytes.s64(v, pos + 0x08), MftRecord.recordOf(reference), MftRecord.sequenceOf(reference),
                    Bytes.u16(v, pos + 0x18)));
            pos += length;
        }
        return entries;
    }
}
