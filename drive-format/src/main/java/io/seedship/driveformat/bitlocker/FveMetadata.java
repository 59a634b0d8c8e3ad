package io.seedship.driveformat.bitlocker;

import static io.seedship.driveformat.bitlocker.BitLockerException.Reason.CORRUPT;
import static io.seedship.driveformat.bitlocker.BitLockerException.Reason.NOT_BITLOCKER;
import static io.seedship.driveformat.bitlocker.BitLockerException.Reason.UNSUPPORTED;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * One FVE metadata block (version 2, Windows 7 and later) as it sits at the start of each 64 KiB metadata area:
 * the 64-byte block header, the 48-byte dataset header, the entries, then the 8-byte CRC trailer and, as Windows
 * writes it, the validation record. Parsing keeps what a reader needs; building writes the entries that both
 * dislocker and cryptsetup require (see BITLOCKER.md) plus a description and the validation record as Windows does.
 */
final class FveMetadata {

    static final byte[] SIGNATURE = "-FVE-FS-".getBytes(StandardCharsets.US_ASCII);
    static final int BLOCK_HEADER_SIZE = 64;
    static final int DATASET_HEADER_SIZE = 48;
    /** Current and next state of a fully encrypted volume; anything else is a conversion in progress. */
    static final int STATE_ENCRYPTED = 4;

    static final int ENTRY_PROPERTY = 0x0;
    static final int ENTRY_VMK = 0x2;
    static final int ENTRY_FVEK = 0x3;
    static final int ENTRY_VALIDATION = 0x4;
    static final int ENTRY_DESCRIPTION = 0x7;
    static final int ENTRY_VOLUME_HEADER = 0xF;

    static final int VALUE_KEY = 0x1;
    static final int VALUE_UNICODE = 0x2;
    static final int VALUE_STRETCH_KEY = 0x3;
    static final int VALUE_AES_CCM = 0x5;
    static final int VALUE_VMK = 0x8;
    static final int VALUE_OFFSET_AND_SIZE = 0xF;

    static final int PROTECTION_RECOVERY_PASSWORD = 0x0800;
    static final int STRETCH_RECOVERY_PASSWORD = 0x1000;
    /** Method Windows stores on the VMK's key record and on the validation hash's key record. */
    static final int VMK_KEY_METHOD = 0x2003;
    static final int VALIDATION_HASH_METHOD = 0x2005;

    /** An AES-CCM protected value: nonce and {@code tag || ciphertext} as stored. */
    record Sealed(byte[] nonce, byte[] data) {
    }

    /** A VMK protector; {@code salt} and {@code key} are null when absent. */
    record Protector(UUID guid, int protection, byte[] salt, Sealed key) {
    }

    int blockSize;
    int version;
    int currentState;
    int nextState;
    long encryptedVolumeSize;
    int headerSectors;
    long[] metadataOffsets;
    long blockHeaderBackupOffset;
    UUID volumeGuid;
    int nextNonce;
    int method;
    Instant created;
    String description;
    final List<Protector> protectors = new ArrayList<>();
    Sealed fvek;
    long headerBackupOffset = -1;
    long headerBackupSize = -1;

    private FveMetadata() {
    }

    /** Parses the block at the start of {@code area}; {@code where} (its byte offset) is only for messages. */
    static FveMetadata parse(byte[] area, long where) throws BitLockerException {
        if (area.length < BLOCK_HEADER_SIZE + DATASET_HEADER_SIZE + 8
                || !Arrays.equals(area, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new BitLockerException(NOT_BITLOCKER, "no FVE metadata block (signature -FVE-FS-) at byte " + where);
        }
        ByteBuffer b = ByteBuffer.wrap(area).order(ByteOrder.LITTLE_ENDIAN);
        FveMetadata m = new FveMetadata();
        m.blockSize = (b.getShort(8) & 0xffff) * 16;
        m.version = b.getShort(10) & 0xffff;
        if (m.version != 2) {
            throw new BitLockerException(UNSUPPORTED, "FVE metadata version " + m.version + " at byte " + where
                    + (m.version == 1 ? " (Windows Vista)" : "") + " is not supported, only version 2");
        }
        if (m.blockSize < BLOCK_HEADER_SIZE + DATASET_HEADER_SIZE || m.blockSize + 8 > area.length) {
            throw new BitLockerException(CORRUPT, "FVE metadata block at byte " + where + " has an impossible size " + m.blockSize);
        }
        CRC32 crc = new CRC32();
        crc.update(area, 0, m.blockSize);
        if ((int) crc.getValue() != b.getInt(m.blockSize + 4)) {
            throw new BitLockerException(CORRUPT, "FVE metadata block at byte " + where + ": CRC-32 mismatch");
        }
        try {
            m.parseHeaders(b, where);
            m.parseEntries(b, BLOCK_HEADER_SIZE + DATASET_HEADER_SIZE, BLOCK_HEADER_SIZE + b.getInt(BLOCK_HEADER_SIZE));
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new BitLockerException(CORRUPT, "FVE metadata block at byte " + where + ": malformed entries", e);
        }
        return m;
    }

    private void parseHeaders(ByteBuffer b, long where) throws BitLockerException {
        currentState = b.getShort(0x0C) & 0xffff;
        nextState = b.getShort(0x0E) & 0xffff;
        encryptedVolumeSize = b.getLong(0x10);
        headerSectors = b.getInt(0x1C);
        metadataOffsets = new long[] {b.getLong(0x20), b.getLong(0x28), b.getLong(0x30)};
        blockHeaderBackupOffset = b.getLong(0x38);
        int datasetSize = b.getInt(BLOCK_HEADER_SIZE);
        int datasetHeaderSize = b.getInt(BLOCK_HEADER_SIZE + 8);
        if (datasetHeaderSize != DATASET_HEADER_SIZE || datasetSize < DATASET_HEADER_SIZE
                || BLOCK_HEADER_SIZE + (long) datasetSize > blockSize) {
            throw new BitLockerException(CORRUPT, "FVE metadata block at byte " + where + ": bad dataset header");
        }
        volumeGuid = WindowsTypes.getGuid(b.position(BLOCK_HEADER_SIZE + 0x10));
        nextNonce = b.getInt(BLOCK_HEADER_SIZE + 0x20);
        method = b.getShort(BLOCK_HEADER_SIZE + 0x24) & 0xffff;
        created = WindowsTypes.fromFileTime(b.getLong(BLOCK_HEADER_SIZE + 0x28));
    }

    private void parseEntries(ByteBuffer b, int start, int end) {
        for (int p = start; end - p >= 8; ) {
            int size = b.getShort(p) & 0xffff;
            if (size == 0) {
                break;
            }
            if (size < 8 || p + size > end) {
                throw new IllegalArgumentException("entry size " + size);
            }
            int type = b.getShort(p + 2) & 0xffff;
            int value = b.getShort(p + 4) & 0xffff;
            if (type == ENTRY_VMK && value == VALUE_VMK) {
                protectors.add(parseProtector(b, p, size));
            } else if (type == ENTRY_FVEK && value == VALUE_AES_CCM) {
                fvek = sealed(b, p, size);
            } else if (type == ENTRY_VOLUME_HEADER && value == VALUE_OFFSET_AND_SIZE) {
                headerBackupOffset = b.getLong(p + 8);
                headerBackupSize = b.getLong(p + 16);
            } else if (type == ENTRY_DESCRIPTION && value == VALUE_UNICODE) {
                description = utf16(b, p + 8, size - 8);
            }
            p += size;
        }
    }

    private static Protector parseProtector(ByteBuffer b, int p, int size) {
        UUID guid = WindowsTypes.getGuid(b.position(p + 8));
        int protection = b.getShort(p + 34) & 0xffff;
        byte[] salt = null;
        Sealed key = null;
        int end = p + size;
        for (int q = p + 36; end - q >= 8; ) {
            int s = b.getShort(q) & 0xffff;
            if (s == 0) {
                break;
            }
            if (s < 8 || q + s > end) {
                throw new IllegalArgumentException("protector entry size " + s);
            }
            int value = b.getShort(q + 4) & 0xffff;
            if (value == VALUE_STRETCH_KEY && s >= 28) {
                salt = new byte[KeyStretch.SALT_LENGTH];
                b.get(q + 12, salt);
            } else if (value == VALUE_AES_CCM && key == null) {
                key = sealed(b, q, s);
            }
            q += s;
        }
        return new Protector(guid, protection, salt, key);
    }

    private static Sealed sealed(ByteBuffer b, int p, int size) {
        int dataLength = size - 8 - AesCcm.NONCE_LENGTH;
        if (dataLength < AesCcm.TAG_LENGTH) {
            throw new IllegalArgumentException("AES-CCM entry too short");
        }
        byte[] nonce = new byte[AesCcm.NONCE_LENGTH];
        byte[] data = new byte[dataLength];
        b.get(p + 8, nonce);
        b.get(p + 8 + AesCcm.NONCE_LENGTH, data);
        return new Sealed(nonce, data);
    }

    private static String utf16(ByteBuffer b, int p, int length) {
        byte[] s = new byte[length];
        b.get(p, s);
        String text = new String(s, StandardCharsets.UTF_16LE);
        int nul = text.indexOf('\0');
        return nul >= 0 ? text.substring(0, nul) : text;
    }

    /** The three metadata offsets a block header claims, or null without a signature; the CRC is not checked. */
    static long[] peekOffsets(byte[] area) {
        if (area.length < BLOCK_HEADER_SIZE || !Arrays.equals(area, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(area).order(ByteOrder.LITTLE_ENDIAN);
        return new long[] {b.getLong(0x20), b.getLong(0x28), b.getLong(0x30)};
    }

    /** A key record as BitLocker encrypts it: {@code u16 size, u16 0, u16 VALUE_KEY, u16 1, u32 method, key}. */
    static byte[] keyRecord(int method, byte[] key) {
        ByteBuffer b = ByteBuffer.allocate(12 + key.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (12 + key.length)).putShort((short) ENTRY_PROPERTY).putShort((short) VALUE_KEY).putShort((short) 1);
        b.putInt(method).put(key);
        return b.array();
    }

    /** The key inside a decrypted key record; IllegalArgumentException when the record is malformed. */
    static byte[] keyOf(byte[] record, int expectedLength) {
        ByteBuffer b = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        int size = b.getShort(0) & 0xffff;
        int value = b.getShort(4) & 0xffff;
        if (record.length < 12 || size != record.length || value != VALUE_KEY || size - 12 != expectedLength) {
            throw new IllegalArgumentException("malformed key record");
        }
        return Arrays.copyOfRange(record, 12, size);
    }

    static int keyRecordMethod(byte[] record) {
        return ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    }

    /** The AES-CCM nonce Windows uses: the FILETIME of the metadata then a little-endian counter. */
    static byte[] nonce(Instant time, int counter) {
        return ByteBuffer.allocate(AesCcm.NONCE_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(WindowsTypes.toFileTime(time)).putInt(counter).array();
    }

    /**
     * Builds a 64 KiB metadata area: block header, dataset (description, the recovery-password VMK protector, the
     * FVEK, the volume-header entry), CRC trailer and validation record. Nonces 1, 2 and 3 are used.
     */
    static byte[] build(BitLockerLayout layout, EncryptionMethod method, UUID protectorGuid, byte[] salt,
                        Sealed vmk, Sealed fvekSealed, String description, byte[] vmkKey) {
        ByteBuffer e = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
        long created = WindowsTypes.toFileTime(layout.created());

        byte[] text = (description + "\0").getBytes(StandardCharsets.UTF_16LE);
        entryHeader(e, 8 + text.length, ENTRY_DESCRIPTION, VALUE_UNICODE).put(text);

        int ccmVmkSize = 8 + AesCcm.NONCE_LENGTH + vmk.data().length;
        entryHeader(e, 8 + 28 + 28 + ccmVmkSize, ENTRY_VMK, VALUE_VMK);
        WindowsTypes.putGuid(e, protectorGuid);
        e.putLong(created).putShort((short) 0).putShort((short) PROTECTION_RECOVERY_PASSWORD);
        entryHeader(e, 28, ENTRY_PROPERTY, VALUE_STRETCH_KEY).putInt(STRETCH_RECOVERY_PASSWORD).put(salt);
        entryHeader(e, ccmVmkSize, ENTRY_PROPERTY, VALUE_AES_CCM).put(vmk.nonce()).put(vmk.data());

        entryHeader(e, 8 + AesCcm.NONCE_LENGTH + fvekSealed.data().length, ENTRY_FVEK, VALUE_AES_CCM)
                .put(fvekSealed.nonce()).put(fvekSealed.data());

        entryHeader(e, 24, ENTRY_VOLUME_HEADER, VALUE_OFFSET_AND_SIZE)
                .putLong(layout.headerBackupOffset()).putLong(BitLockerLayout.HEADER_BACKUP_SIZE);

        int datasetSize = DATASET_HEADER_SIZE + e.position();
        int blockSize = (BLOCK_HEADER_SIZE + datasetSize + 15) / 16 * 16;

        ByteBuffer a = ByteBuffer.allocate(BitLockerLayout.METADATA_AREA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        long[] offsets = layout.metadataOffsets();
        a.put(SIGNATURE).putShort((short) (blockSize / 16)).putShort((short) 2)
                .putShort((short) STATE_ENCRYPTED).putShort((short) STATE_ENCRYPTED)
                .putLong(layout.volumeSize()).putInt(0).putInt(BitLockerLayout.HEADER_BACKUP_SIZE / layout.sectorSize())
                .putLong(offsets[0]).putLong(offsets[1]).putLong(offsets[2]).putLong(layout.headerBackupOffset());
        a.putInt(datasetSize).putInt(1).putInt(DATASET_HEADER_SIZE).putInt(datasetSize);
        WindowsTypes.putGuid(a, layout.volumeGuid());
        a.putInt(4).putShort((short) method.code()).putShort((short) method.code()).putLong(created);
        a.put(e.array(), 0, e.position());

        CRC32 crc = new CRC32();
        crc.update(a.array(), 0, blockSize);
        a.position(blockSize);
        a.putShort((short) (0x10000 - blockSize)).putShort((short) 2).putInt((int) crc.getValue());
        putValidation(a, layout, blockSize, vmkKey);
        return a.array();
    }

    /**
     * Windows' validation record after the CRC trailer: the SHA-256 of the block in a key record (method 0x2005),
     * sealed with the VMK (checked against Windows-made images in FveMetadataTest).
     */
    private static void putValidation(ByteBuffer a, BitLockerLayout layout, int blockSize, byte[] vmkKey) {
        byte[] hash;
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(a.array(), 0, blockSize);
            hash = sha.digest();
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        byte[] nonce = nonce(layout.created(), 3);
        nonce[7] |= (byte) 0x80; // Windows sets the top bit of the time in this nonce (seen on its images)
        byte[] data = AesCcm.seal(vmkKey, nonce, keyRecord(VALIDATION_HASH_METHOD, hash));
        entryHeader(a, 8 + AesCcm.NONCE_LENGTH + data.length, ENTRY_PROPERTY, VALUE_AES_CCM).put(nonce).put(data);
    }

    private static ByteBuffer entryHeader(ByteBuffer b, int size, int type, int value) {
        return b.putShort((short) size).putShort((short) type).putShort((short) value).putShort((short) 1);
    }
}
