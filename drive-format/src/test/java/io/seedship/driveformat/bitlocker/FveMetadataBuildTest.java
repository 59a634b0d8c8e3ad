package io.seedship.driveformat.bitlocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The metadata block the writer builds, parsed back field by field (the readers' acceptance is in NtfsRoundTripTest). */
class FveMetadataBuildTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long[] OFFSETS = {1 << 20, 2 << 20, 3 << 20};

    private final BitLockerLayout layout = new BitLockerLayout(64L << 20, 512, OFFSETS, 4L << 20,
            UUID.fromString("8f595209-f5b9-49a0-85d4-cb8f80258c27"), Instant.parse("2025-01-02T03:04:05.1234567Z"));
    private final BitLockerKeys keys = BitLockerKeys.generate(EncryptionMethod.AES_XTS_256, RANDOM);
    private final RecoveryPassword password = RecoveryPassword.generate(RANDOM);

    @Test
    void parsesBackWhatWasBuilt() throws Exception {
        byte[] area = BitLockerWriter.metadataArea(layout, keys, password, RANDOM);
        assertThat(area).hasSize(65536);
        FveMetadata m = FveMetadata.parse(area, 0);
        assertThat(m.version).isEqualTo(2);
        assertThat(m.currentState).isEqualTo(4);
        assertThat(m.nextState).isEqualTo(4);
        assertThat(m.encryptedVolumeSize).isEqualTo(64L << 20);
        assertThat(m.headerSectors).isEqualTo(16);
        assertThat(m.metadataOffsets).containsExactly(OFFSETS);
        assertThat(m.blockHeaderBackupOffset).isEqualTo(4L << 20);
        assertThat(m.headerBackupOffset).isEqualTo(4L << 20);
        assertThat(m.headerBackupSize).isEqualTo(8192);
        assertThat(m.volumeGuid).isEqualTo(layout.volumeGuid());
        assertThat(m.created).isEqualTo(Instant.parse("2025-01-02T03:04:05.1234567Z"));
        assertThat(m.method).isEqualTo(0x8005);
        assertThat(m.nextNonce).isEqualTo(4);
        assertThat(m.description).isEqualTo("Seedship 2025-01-02");
        assertThat(m.protectors).hasSize(1);
        FveMetadata.Protector p = m.protectors.get(0);
        assertThat(p.protection()).isEqualTo(FveMetadata.PROTECTION_RECOVERY_PASSWORD);

        byte[] vmkRecord = AesCcm.open(KeyStretch.recoveryPasswordKey(password, p.salt()), p.key().nonce(), p.key().data());
        assertThat(vmkRecord).hasSize(44);
        assertThat(FveMetadata.keyRecordMethod(vmkRecord)).isEqualTo(FveMetadata.VMK_KEY_METHOD);
        byte[] vmk = FveMetadata.keyOf(vmkRecord, 32);
        assertThat(vmk).isEqualTo(keys.vmk());
        byte[] fvekRecord = AesCcm.open(vmk, m.fvek.nonce(), m.fvek.data());
        assertThat(FveMetadata.keyRecordMethod(fvekRecord)).isEqualTo(0x8005);
        assertThat(FveMetadata.keyOf(fvekRecord, 64)).isEqualTo(keys.fvek());

        // block size, CRC trailer and the validation record (SHA-256 of the block under the VMK) as Windows has them
        ByteBuffer b = ByteBuffer.wrap(area).order(ByteOrder.LITTLE_ENDIAN);
        int datasetSize = b.getInt(64);
        assertThat(m.blockSize).isEqualTo((64 + datasetSize + 15) / 16 * 16);
        assertThat(b.getShort(m.blockSize) & 0xffff).isEqualTo(0x10000 - m.blockSize);
        assertThat(b.getShort(m.blockSize + 2)).isEqualTo((short) 2);
        CRC32 crc = new CRC32();
        crc.update(area, 0, m.blockSize);
        assertThat(b.getInt(m.blockSize + 4)).isEqualTo((int) crc.getValue());
        int v = m.blockSize + 8;
        int size = b.getShort(v) & 0xffff;
        byte[] validation = AesCcm.open(vmk, Arrays.copyOfRange(area, v + 8, v + 20), Arrays.copyOfRange(area, v + 20, v + size));
        assertThat(FveMetadata.keyRecordMethod(validation)).isEqualTo(FveMetadata.VALIDATION_HASH_METHOD);
        assertThat(FveMetadata.keyOf(validation, 32))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(area, m.blockSize)));
        assertThat(area).startsWith(FveMetadata.SIGNATURE);
        assertThat(Arrays.copyOfRange(area, v + size, area.length)).containsOnly(0);
    }

    @Test
    void eachAreaIsFreshlySaltedButReadsTheSameKeys() throws Exception {
        byte[] a = BitLockerWriter.metadataArea(layout, keys, password, RANDOM);
        byte[] b = BitLockerWriter.metadataArea(layout, keys, password, RANDOM);
        assertThat(a).isNotEqualTo(b);
        assertThat(FveMetadata.parse(b, 0).protectors.get(0).salt()).isNotEqualTo(FveMetadata.parse(a, 0).protectors.get(0).salt());
    }

    @Test
    void damageIsReported() throws Exception {
        byte[] area = BitLockerWriter.metadataArea(layout, keys, password, RANDOM);
        byte[] flipped = area.clone();
        flipped[200] ^= 1;
        assertThatThrownBy(() -> FveMetadata.parse(flipped, 123))
                .isInstanceOfSatisfying(BitLockerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BitLockerException.Reason.CORRUPT);
                    assertThat(e.getMessage()).contains("CRC").contains("123");
                });
        assertThatThrownBy(() -> FveMetadata.parse(new byte[65536], 0))
                .isInstanceOfSatisfying(BitLockerException.class,
                        e -> assertThat(e.reason()).isEqualTo(BitLockerException.Reason.NOT_BITLOCKER));
        byte[] vista = area.clone();
        vista[10] = 1;
        assertThatThrownBy(() -> FveMetadata.parse(vista, 0))
                .isInstanceOfSatisfying(BitLockerException.class,
                        e -> assertThat(e.reason()).isEqualTo(BitLockerException.Reason.UNSUPPORTED));
    }

    @Test
    void guidsAreStoredAsWindowsDoes() {
        // images.conf GUID 8f595209-f5b9-49a0-85d4-cb8f80258c27 is stored as 0952598f b9f5 a049 85d4cb8f80258c27
        assertThat(java.util.HexFormat.of().formatHex(WindowsTypes.guidBytes(layout.volumeGuid())))
                .isEqualTo("0952598fb9f5a04985d4cb8f80258c27");
        assertThat(WindowsTypes.fromFileTime(WindowsTypes.toFileTime(layout.created()))).isEqualTo(layout.created());
        assertThat(WindowsTypes.toFileTime(Instant.EPOCH)).isEqualTo(116444736000000000L);
    }
}
