package io.seedship.driveformat.bitlocker;

import static io.seedship.driveformat.bitlocker.BitLockerException.Reason.NOT_BITLOCKER;
import static io.seedship.driveformat.bitlocker.BitLockerException.Reason.UNSUPPORTED;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Sector 0 of a BitLocker volume (Windows 7 and later): a boot sector whose OEM id is {@code -FVE-FS-}, carrying the
 * BitLocker GUID and the offsets of the three FVE metadata blocks. BitLocker To Go volumes use a FAT32-looking
 * sector ({@code MSWIN4.1}) with the same fields at 0x1A8; those are read, not written.
 */
final class VolumeHeader {

    static final byte[] JUMP = {(byte) 0xEB, 0x58, (byte) 0x90};
    private static final byte[] JUMP_VISTA = {(byte) 0xEB, 0x52, (byte) 0x90};
    private static final byte[] TO_GO_SIGNATURE = "MSWIN4.1".getBytes(StandardCharsets.US_ASCII);
    /** The GUID of a normally encrypted volume, as stored. */
    static final byte[] GUID_NORMAL = hex("3bd66749292ed84a8399f6a339e3d001");
    /** The GUID of a volume encrypted "on write" (used space only), as stored. */
    static final byte[] GUID_ENCRYPT_ON_WRITE = hex("3b4da89280dd0e4d9e4eb1e3284eaed8");
    private static final int GUID_OFFSET = 0xA0;
    private static final int GUID_OFFSET_TO_GO = 0x1A8;

    /** What sector 0 says. */
    record Parsed(int sectorSize, long[] metadataOffsets, boolean encryptOnWrite, boolean toGo) {
    }

    private VolumeHeader() {
    }

    /**
     * The new sector 0 (one sector long). The geometry fields come from the NTFS boot sector; the rest follows the
     * shape of Windows' own BitLocker header (a FAT32-style BPB with no sector count, boot code left empty) with
     * the fields both readers need: jump {@code EB 58 90}, {@code -FVE-FS-}, bytes per sector, zero at 0x38 (else
     * dislocker takes the Vista path), the GUID at 0xA0 and the metadata offsets at 0xB0, 0xB8, 0xC0.
     */
    static byte[] build(BitLockerLayout layout, byte[] ntfsBootSector) {
        if (ntfsBootSector == null || ntfsBootSector.length < 512
                || !Arrays.equals(ntfsBootSector, 3, 11, "NTFS    ".getBytes(StandardCharsets.US_ASCII), 0, 8)) {
            throw new IllegalArgumentException("not an NTFS boot sector (no 'NTFS    ' OEM id at byte 3)");
        }
        ByteBuffer ntfs = ByteBuffer.wrap(ntfsBootSector).order(ByteOrder.LITTLE_ENDIAN);
        int bytesPerSector = ntfs.getShort(0x0B) & 0xffff;
        if (bytesPerSector != layout.sectorSize()) {
            throw new IllegalArgumentException("the NTFS boot sector says " + bytesPerSector
                    + " bytes per sector, the layout " + layout.sectorSize());
        }
        ByteBuffer h = ByteBuffer.allocate(layout.sectorSize()).order(ByteOrder.LITTLE_ENDIAN);
        h.put(JUMP).put(FveMetadata.SIGNATURE);
        h.putShort(0x0B, (short) bytesPerSector);
        h.put(0x0D, ntfs.get(0x0D));                  // sectors per cluster
        h.put(0x15, ntfs.get(0x15));                  // media descriptor
        h.putShort(0x18, ntfs.getShort(0x18));        // sectors per track
        h.putShort(0x1A, ntfs.getShort(0x1A));        // heads
        h.putInt(0x1C, ntfs.getInt(0x1C));            // hidden sectors (partition start)
        h.putInt(0x24, 0x1FE0);                       // FAT32 "sectors per FAT" as Windows writes it
        h.putShort(0x30, (short) 1).putShort(0x32, (short) 6); // FAT32 FSInfo and backup boot sector numbers
        h.put(0x40, (byte) 0x80).put(0x42, (byte) 0x29);        // drive number, extended boot signature
        h.put(0x47, "NO NAME    FAT32   ".getBytes(StandardCharsets.US_ASCII));
        h.put(GUID_OFFSET, GUID_NORMAL);
        long[] offsets = layout.metadataOffsets();
        h.putLong(0xB0, offsets[0]).putLong(0xB8, offsets[1]).putLong(0xC0, offsets[2]);
        h.put(0x1FE, (byte) 0x55).put(0x1FF, (byte) 0xAA);
        return h.array();
    }

    /** Reads sector 0 (at least 512 bytes). */
    static Parsed parse(byte[] sector) throws BitLockerException {
        if (Arrays.equals(sector, 0, 3, JUMP_VISTA, 0, 3)
                && Arrays.equals(sector, 3, 11, FveMetadata.SIGNATURE, 0, 8)) {
            throw new BitLockerException(UNSUPPORTED, "BitLocker from Windows Vista (metadata version 1) is not supported");
        }
        if (!Arrays.equals(sector, 0, 3, JUMP, 0, 3)) {
            throw new BitLockerException(NOT_BITLOCKER, "sector 0 is not a BitLocker volume header (no EB 58 90 jump)");
        }
        ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        int guidAt;
        boolean toGo;
        if (Arrays.equals(sector, 3, 11, FveMetadata.SIGNATURE, 0, 8)) {
            guidAt = GUID_OFFSET;
            toGo = false;
        } else if (Arrays.equals(sector, 3, 11, TO_GO_SIGNATURE, 0, 8)
                && Arrays.equals(sector, GUID_OFFSET_TO_GO, GUID_OFFSET_TO_GO + 16, GUID_NORMAL, 0, 16)) {
            guidAt = GUID_OFFSET_TO_GO;
            toGo = true;
        } else {
            throw new BitLockerException(NOT_BITLOCKER, "sector 0 is not a BitLocker volume header (no -FVE-FS- signature)");
        }
        boolean eow = Arrays.equals(sector, guidAt, guidAt + 16, GUID_ENCRYPT_ON_WRITE, 0, 16);
        if (!eow && !Arrays.equals(sector, guidAt, guidAt + 16, GUID_NORMAL, 0, 16)) {
            throw new BitLockerException(UNSUPPORTED, "unknown BitLocker volume GUID in sector 0");
        }
        int sectorSize = b.getShort(0x0B) & 0xffff;
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new BitLockerException(UNSUPPORTED, "sector size " + sectorSize + " is not supported (512 or 4096)");
        }
        long[] offsets = {b.getLong(guidAt + 16), b.getLong(guidAt + 24), b.getLong(guidAt + 32)};
        return new Parsed(sectorSize, offsets, eow, toGo);
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
