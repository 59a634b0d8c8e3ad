package io.seedship.driveformat.ntfs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The one write this package does: a file's initialized size (valid data length), in its MFT record. */
public final class NtfsRecordPatcher {

    /** Records 0..15 are NTFS's own system files: never patched. */
    private static final long FIRST_USER_RECORD = 16;

    private NtfsRecordPatcher() {
    }

    /**
     * Sets the unnamed $DATA attribute's initialized size (in its lowest-VCN attribute record) to
     * {@code initializedSize} (at most the data size): reads the record from the device, undoes the
     * update-sequence fixups (checking the "FILE" magic and the USN), edits, re-applies the fixups with
     * the next USN as NTFS does, and writes the record back. The caller forces the channel when done.
     * The bytes up to the new size must already be on disk: NTFS will return them as file data.
     */
    public static void setInitializedSize(FileChannel device, NtfsVolume volume, NtfsFile file, long initializedSize)
            throws IOException {
        if (initializedSize < 0 || initializedSize > file.dataSize()) {
            throw new IllegalArgumentException(file.path() + ": initialized size " + initializedSize
                    + " outside 0.." + file.dataSize());
        }
        if (file.recordNumber() < FIRST_USER_RECORD) {
            throw new IllegalArgumentException(file.path() + " is NTFS system record " + file.recordNumber());
        }
        if (file.resident()) {
            throw NtfsException.record(file.recordNumber(), "$DATA of " + file.path()
                    + " is resident: it has no initialized size");
        }
        long target = volume.dataOf(file.recordNumber()).headRecord();
        long offset = volume.recordOffset(target);
        int size = volume.mftRecordSize();
        byte[] raw = new byte[size];
        readFully(device, offset, ByteBuffer.wrap(raw));
        MftRecord record = MftRecord.parse(target, raw, 0, size);
        if (record == null) {
            throw NtfsException.record(target, "is not in use (holds $DATA of " + file.path() + ")");
        }
        if (target != file.recordNumber() && record.baseRecord != file.recordNumber()) {
            throw NtfsException.record(target, "belongs to record " + record.baseRecord + ", not to " + file.path());
        }
        Attribute data = null;
        for (Attribute a : record.attributes) {
            if (a.type() == Attribute.DATA && a.name().isEmpty() && a.nonResident() && a.lowestVcn() == 0) {
                data = a;
            }
        }
        if (data == null) {
            throw NtfsException.record(target, "holds no non-resident $DATA at VCN 0 for " + file.path());
        }
        if (data.dataSize() != file.dataSize() || data.compressed() || data.encrypted()) {
            throw NtfsException.record(target, "$DATA of " + file.path() + " is not what was listed (data size "
                    + data.dataSize() + ", flags 0x" + Integer.toHexString(data.flags()) + ")");
        }
        byte[] bytes = record.bytes;
        Bytes.put64(bytes, data.offset() + Attribute.INITIALIZED_SIZE_FIELD, initializedSize);
        Fixups.apply(bytes, size, target);
        ByteBuffer out = ByteBuffer.wrap(bytes);
        long position = offset;
        while (out.hasRemaining()) {
            position += device.write(out, position);
        }
        volume.initializedSizeChanged(file.recordNumber(), initializedSize);
    }

    private static void readFully(FileChannel channel, long position, ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position);
            if (n < 0) {
                throw new EOFException("device ends at byte " + position);
            }
            position += n;
        }
    }
}
