package io.seedship.driveformat.ntfs;

/** The parts of a $FILE_NAME attribute value this reader uses. */
record FileName(long parentRecord, int parentSequence, int namespace, String name) {

    static final int POSIX = 0;
    static final int WIN32 = 1;
    static final int DOS = 2;
    static final int WIN32_AND_DOS = 3;

    static FileName parse(Attribute attribute) throws NtfsException {
        if (attribute.nonResident()) {
            throw NtfsException.record(attribute.recordNumber(), "$FILE_NAME is non-resident");
        }
        byte[] v = attribute.value();
        if (v.length < 0x42 || v.length < 0x42 + 2 * Bytes.u8(v, 0x40)) {
            throw NtfsException.record(attribute.recordNumber(), "$FILE_NAME value of only " + v.length + " bytes");
        }
        long parent = Bytes.s64(v, 0x00);
        int namespace = Bytes.u8(v, 0x41);
        return new FileName(MftRecord.recordOf(parent), MftRecord.sequenceOf(parent), namespace,
                Bytes.utf16(v, 0x42, Bytes.u8(v, 0x40)));
    }
}
