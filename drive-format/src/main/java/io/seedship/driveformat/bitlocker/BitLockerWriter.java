package io.seedship.driveformat.bitlocker;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * The pieces a drive writer puts on the device to turn a plaintext NTFS volume into a BitLocker one (AES-XTS,
 * recovery-password protector, metadata version 2):
 * <ul>
 *   <li>{@link #metadataArea} into each of the three 64 KiB metadata areas;</li>
 *   <li>{@link #relocatedBootSectors} (sectors 0-15, encrypted) into the 8 KiB header backup area;</li>
 *   <li>every other sector XTS-encrypted with its own sector number as tweak, the four areas excepted;</li>
 *   <li>{@link #volumeHeader} as sector 0, last, so that an interrupted write is never mistaken for a finished one.</li>
 * </ul>
 */
public final class BitLockerWriter {

    private BitLockerWriter() {
    }

    /**
     * The 65536 bytes written identically into the three metadata areas: the VMK sealed under the key stretched
     * from the recovery password (AES-CCM), the FVEK sealed under the VMK, the header backup location, a CRC and
     * Windows' validation record. Takes 0.1-0.3 s (the password stretching).
     */
    public static byte[] metadataArea(BitLockerLayout layout, BitLockerKeys keys, RecoveryPassword password, SecureRandom random) {
        try (PasswordKey key = stretch(password, random)) {
            return metadataArea(layout, keys, key, random);
        }
    }

    /**
     * The recovery-password protector's salt and the key stretched from the password with it: the slow part of
     * {@link #metadataArea}, which a writer can do beforehand, beside something else (formatting the volume).
     */
    public static final class PasswordKey implements AutoCloseable {

        private final byte[] salt;
        private final byte[] key;

        private PasswordKey(byte[] salt, byte[] key) {
            this.salt = salt;
            this.key = key;
        }

        /** Wipes the stretched key. */
        @Override
        public void close() {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** A fresh salt and the recovery password stretched with it (0.1-0.3 s). */
    public static PasswordKey stretch(RecoveryPassword password, SecureRandom random) {
        byte[] salt = new byte[KeyStretch.SALT_LENGTH];
        random.nextBytes(salt);
        return new PasswordKey(salt, KeyStretch.recoveryPasswordKey(password, salt));
    }

    /** {@link #metadataArea(BitLockerLayout, BitLockerKeys, RecoveryPassword, SecureRandom)} with the password stretched. */
    public static byte[] metadataArea(BitLockerLayout layout, BitLockerKeys keys, PasswordKey passwordKey, SecureRandom random) {
        byte[] salt = passwordKey.salt.clone();
        UUID protectorGuid = WindowsTypes.randomGuid(random);
        byte[] vmk = keys.vmk();
        byte[] fvek = keys.fvek();
        byte[] stretched = passwordKey.key.clone();
        byte[] vmkRecord = FveMetadata.keyRecord(FveMetadata.VMK_KEY_METHOD, vmk);
        byte[] fvekRecord = FveMetadata.keyRecord(keys.method().code(), fvek);
        try {
            byte[] vmkNonce = FveMetadata.nonce(layout.created(), 1);
            byte[] fvekNonce = FveMetadata.nonce(layout.created(), 2);
            FveMetadata.Sealed sealedVmk = new FveMetadata.Sealed(vmkNonce, AesCcm.seal(stretched, vmkNonce, vmkRecord));
            FveMetadata.Sealed sealedFvek = new FveMetadata.Sealed(fvekNonce, AesCcm.seal(vmk, fvekNonce, fvekRecord));
            String description = "Seedship " + LocalDate.ofInstant(layout.created(), ZoneOffset.UTC);
            return FveMetadata.build(layout, keys.method(), protectorGuid, salt, sealedVmk, sealedFvek, description, vmk);
        } finally {
            Arrays.fill(stretched, (byte) 0);
            Arrays.fill(vmk, (byte) 0);
            Arrays.fill(fvek, (byte) 0);
            Arrays.fill(vmkRecord, (byte) 0);
            Arrays.fill(fvekRecord, (byte) 0);
        }
    }

    /** The new sector 0 of the device, built from the original plaintext NTFS boot sector (512 bytes). */
    public static byte[] volumeHeader(BitLockerLayout layout, byte[] ntfsBootSector) {
        return VolumeHeader.build(layout, ntfsBootSector);
    }

    /**
     * Sectors 0-15 (8192 plaintext bytes) encrypted for the header backup area: with the XTS tweaks of the sectors
     * where they are stored ({@code headerBackupOffset / sectorSize} onwards), not of sectors 0-15.
     */
    public static byte[] relocatedBootSectors(byte[] plaintextSectors0to15, BitLockerLayout layout, Xts xts) {
        if (plaintextSectors0to15.length != BitLockerLayout.HEADER_BACKUP_SIZE) {
            throw new IllegalArgumentException("sectors 0-15 are " + BitLockerLayout.HEADER_BACKUP_SIZE + " bytes, got "
                    + plaintextSectors0to15.length);
        }
        byte[] out = plaintextSectors0to15.clone();
        xts.encrypt(out, 0, out.length, layout.headerBackupOffset() / layout.sectorSize(), layout.sectorSize());
        return out;
    }
}
