package io.seedship.driveformat.bitlocker;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.driveformat.volume.FileVolume;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FveMetadataTest {

    /** The record Windows writes after the CRC trailer: SHA-256 of the block in a key record, sealed with the VMK. */
    @Test
    void windowsValidationRecordIsTheBlockHashSealedWithTheVmk() throws Exception {
        String name = "bitlk-aes-xts-128";
        Map<String, String> conf = WindowsImages.conf().get(name);
        byte[] sector0;
        byte[] area;
        try (FileVolume raw = FileVolume.open(WindowsImages.image(name))) {
            sector0 = raw.read(0, 512);
            long offset = VolumeHeader.parse(sector0).metadataOffsets()[0];
            area = raw.read(offset, BitLockerLayout.METADATA_AREA_SIZE);
        }
        FveMetadata m = FveMetadata.parse(area, 0);
        FveMetadata.Protector rp = m.protectors.stream()
                .filter(p -> p.protection() == FveMetadata.PROTECTION_RECOVERY_PASSWORD).findFirst().orElseThrow();
        byte[] stretched = KeyStretch.recoveryPasswordKey(RecoveryPassword.parse(conf.get("RP")), rp.salt());
        byte[] vmkRecord = AesCcm.open(stretched, rp.key().nonce(), rp.key().data());
        assertThat(FveMetadata.keyRecordMethod(vmkRecord)).isEqualTo(FveMetadata.VMK_KEY_METHOD);
        byte[] vmk = FveMetadata.keyOf(vmkRecord, 32);
        byte[] fvekRecord = AesCcm.open(vmk, m.fvek.nonce(), m.fvek.data());
        assertThat(FveMetadata.keyRecordMethod(fvekRecord)).isEqualTo(EncryptionMethod.AES_XTS_128.code());

        ByteBuffer b = ByteBuffer.wrap(area).order(ByteOrder.LITTLE_ENDIAN);
        int v = m.blockSize + 8;
        assertThat(b.getShort(v + 4)).isEqualTo((short) FveMetadata.VALUE_AES_CCM);
        int size = b.getShort(v) & 0xffff;
        byte[] nonce = Arrays.copyOfRange(area, v + 8, v + 20);
        byte[] sealed = Arrays.copyOfRange(area, v + 20, v + size);
        byte[] record = AesCcm.open(vmk, nonce, sealed);
        assertThat(FveMetadata.keyRecordMethod(record)).isEqualTo(FveMetadata.VALIDATION_HASH_METHOD);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(area, m.blockSize));
        assertThat(HexFormat.of().formatHex(FveMetadata.keyOf(record, 32))).isEqualTo(HexFormat.of().formatHex(hash));
        System.out.println("validation nonce " + HexFormat.of().formatHex(nonce) + ", next nonce " + m.nextNonce
                + ", FVEK nonce " + HexFormat.of().formatHex(m.fvek.nonce()));
    }
}
