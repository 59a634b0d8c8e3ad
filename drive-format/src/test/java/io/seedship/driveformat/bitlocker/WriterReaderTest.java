package io.seedship.driveformat.bitlocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.driveformat.volume.VolumeReader;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Writer and reader against each other in memory: layouts, damaged copies, the header, argument checks. */
class WriterReaderTest {

    private static final int SIZE = 8 << 20;
    private static final long[] OFFSETS = {2 << 20, 3 << 20, (5 << 20) + 4096};
    private static final long BACKUP = (6 << 20) + 512;

    private final SecureRandom random = new SecureRandom();

    /** A volume in a byte array. */
    record Memory(byte[] bytes) implements VolumeReader {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void read(long offset, ByteBuffer dst) throws EOFException {
            if (offset < 0 || offset + dst.remaining() > bytes.length) {
                throw new EOFException("past the end");
            }
            dst.put(bytes, (int) offset, dst.remaining());
        }

        @Override
        public void close() {
        }
    }

    /** A plaintext "NTFS" volume: random content, a boot sector, zeros in the four areas. */
    private byte[] plaintext() {
        byte[] plain = new byte[SIZE];
        new Random(7).nextBytes(plain);
        ByteBuffer boot = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        boot.put(0, new byte[] {(byte) 0xEB, 0x52, (byte) 0x90}).put(3, "NTFS    ".getBytes(StandardCharsets.US_ASCII));
        boot.putShort(0x0B, (short) 512).put(0x0D, (byte) 8).putLong(0x28, SIZE / 512 - 1).putLong(0x38, 1234);
        boot.put(0x1FE, (byte) 0x55).put(0x1FF, (byte) 0xAA);
        for (long o : OFFSETS) {
            Arrays.fill(plain, (int) o, (int) o + 65536, (byte) 0);
        }
        Arrays.fill(plain, (int) BACKUP, (int) BACKUP + 8192, (byte) 0);
        return plain;
    }

    private byte[] convert(byte[] plain, BitLockerLayout layout, BitLockerKeys keys, RecoveryPassword password) {
        byte[] disk = plain.clone();
        Xts xts = new Xts(keys.fvek());
        for (int s = 0; s < SIZE; s += 512) {
            if (!layout.isReserved(s)) {
                xts.encrypt(disk, s, 512, s / 512, 512);
            }
        }
        System.arraycopy(BitLockerWriter.relocatedBootSectors(Arrays.copyOf(plain, 8192), layout, xts), 0, disk, (int) BACKUP, 8192);
        byte[] metadata = BitLockerWriter.metadataArea(layout, keys, password, random);
        for (long o : OFFSETS) {
            System.arraycopy(metadata, 0, disk, (int) o, metadata.length);
        }
        System.arraycopy(BitLockerWriter.volumeHeader(layout, Arrays.copyOf(plain, 512)), 0, disk, 0, 512);
        return disk;
    }

    @Test
    void readerSeesThePlaintextAndSurvivesTwoDamagedCopies() throws Exception {
        byte[] plain = plaintext();
        BitLockerLayout layout = BitLockerLayout.create(SIZE, OFFSETS, BACKUP, random);
        BitLockerKeys keys = BitLockerKeys.generate(EncryptionMethod.AES_XTS_128, random);
        RecoveryPassword password = RecoveryPassword.generate(random);
        byte[] disk = convert(plain, layout, keys, password);

        byte[] header = Arrays.copyOf(disk, 512);
        assertThat(Arrays.copyOfRange(header, 0, 11)).isEqualTo(concat(VolumeHeader.JUMP, FveMetadata.SIGNATURE));
        assertThat(Arrays.copyOfRange(header, 0x38, 0x40)).containsOnly(0);
        assertThat(Arrays.copyOfRange(header, 0xA0, 0xB0)).isEqualTo(VolumeHeader.GUID_NORMAL);
        assertThat(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong(0xB8)).isEqualTo(OFFSETS[1]);

        disk[(int) OFFSETS[0] + 300] ^= 1;
        disk[(int) OFFSETS[1] + 8] ^= 1;
        try (BitLockerVolume v = BitLockerVolume.unlock(new Memory(disk), password)) {
            assertThat(v.size()).isEqualTo(SIZE);
            assertThat(v.read(0, SIZE)).isEqualTo(plain);
            assertThat(v.read(4095, 3)).isEqualTo(Arrays.copyOfRange(plain, 4095, 4098));
            assertThat(v.read(BACKUP - 1, 8194)).isEqualTo(Arrays.copyOfRange(plain, (int) BACKUP - 1, (int) BACKUP + 8193));
            assertThatThrownBy(() -> v.read(SIZE - 1, 2)).isInstanceOf(EOFException.class);
        }
        disk[(int) OFFSETS[2] + 100] ^= 1;
        assertThatThrownBy(() -> BitLockerVolume.unlock(new Memory(disk), password))
                .isInstanceOfSatisfying(BitLockerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BitLockerException.Reason.CORRUPT);
                    assertThat(e.getMessage()).contains("copy 1").contains("copy 3").contains("CRC");
                });
    }

    @Test
    void headlessDriveOpensFromAnyCopy() throws Exception {
        byte[] plain = plaintext();
        BitLockerLayout layout = BitLockerLayout.create(SIZE, OFFSETS, BACKUP, random);
        RecoveryPassword password = RecoveryPassword.generate(random);
        byte[] disk = convert(plain, layout, BitLockerKeys.generate(EncryptionMethod.AES_XTS_256, random), password);
        Arrays.fill(disk, 0, 512, (byte) 0);
        disk[(int) OFFSETS[1] + 500] ^= 1; // the copy we are pointed at is damaged: its header names the others
        try (BitLockerVolume v = BitLockerVolume.unlock(new Memory(disk), password, OFFSETS[1])) {
            assertThat(v.layout()).isEqualTo(layout);
            assertThat(v.read(0, SIZE)).isEqualTo(plain);
        }
        assertThatThrownBy(() -> BitLockerVolume.unlock(new Memory(disk), password, OFFSETS[1] + 512))
                .isInstanceOfSatisfying(BitLockerException.class,
                        e -> assertThat(e.reason()).isEqualTo(BitLockerException.Reason.NOT_BITLOCKER));
    }

    @Test
    void aDriveJustSealedOpensWithItsKeysAndNoOthers() throws Exception {
        byte[] plain = plaintext();
        BitLockerLayout layout = BitLockerLayout.create(SIZE, OFFSETS, BACKUP, random);
        BitLockerKeys keys = BitLockerKeys.generate(EncryptionMethod.AES_XTS_128, random);
        RecoveryPassword password = RecoveryPassword.generate(random);
        byte[] disk = convert(plain, layout, keys, password);
        Arrays.fill(disk, 0, 512, (byte) 0);
        try (BitLockerVolume v = BitLockerVolume.open(new Memory(disk), keys, OFFSETS[0])) {
            assertThat(v.layout()).isEqualTo(layout);
            assertThat(v.read(0, SIZE)).isEqualTo(plain);
        }
        BitLockerKeys other = BitLockerKeys.generate(EncryptionMethod.AES_XTS_128, random);
        assertThatThrownBy(() -> BitLockerVolume.open(new Memory(disk), other, OFFSETS[0]))
                .isInstanceOfSatisfying(BitLockerException.class,
                        e -> assertThat(e.reason()).isEqualTo(BitLockerException.Reason.CORRUPT));
        BitLockerKeys sameVmk = new BitLockerKeys(EncryptionMethod.AES_XTS_128, keys.vmk(), other.fvek());
        assertThatThrownBy(() -> BitLockerVolume.open(new Memory(disk), sameVmk, OFFSETS[0])).hasMessageContaining("another FVEK");
    }

    @Test
    void layoutRejectsImpossibleAreas() {
        assertThatThrownBy(() -> BitLockerLayout.create(SIZE, new long[] {1 << 20, (1 << 20) + 4096, 3 << 20}, BACKUP, random))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> BitLockerLayout.create(SIZE, new long[] {0, 2 << 20, 3 << 20}, BACKUP, random))
                .hasMessageContaining("first 8 KiB");
        assertThatThrownBy(() -> BitLockerLayout.create(SIZE, new long[] {SIZE - 4096, 2 << 20, 3 << 20}, BACKUP, random))
                .hasMessageContaining("inside the volume");
        assertThatThrownBy(() -> BitLockerLayout.create(SIZE, new long[] {(1 << 20) + 1, 2 << 20, 3 << 20}, BACKUP, random))
                .hasMessageContaining("sector-aligned");
        BitLockerLayout ok = BitLockerLayout.create(SIZE, OFFSETS, BACKUP, random);
        assertThat(ok.isReserved(OFFSETS[2] + 65535)).isTrue();
        assertThat(ok.isReserved(OFFSETS[2] + 65536)).isFalse();
        assertThat(ok.isReserved(BACKUP + 8191)).isTrue();
        assertThat(ok.isReserved(BACKUP - 1)).isFalse();
    }

    @Test
    void keysAndHeaderArgumentsAreChecked() {
        BitLockerKeys keys = BitLockerKeys.generate(EncryptionMethod.AES_XTS_256, random);
        assertThat(keys.fvek()).hasSize(64);
        assertThat(keys.vmk()).hasSize(32);
        assertThat(keys.toString()).contains("redacted").doesNotContain(java.util.HexFormat.of().formatHex(keys.vmk()));
        assertThat(keys).isEqualTo(new BitLockerKeys(keys.method(), keys.vmk(), keys.fvek()));
        assertThatThrownBy(() -> new BitLockerKeys(EncryptionMethod.AES_XTS_128, new byte[32], new byte[64]))
                .hasMessageContaining("32 bytes");
        BitLockerLayout layout = BitLockerLayout.create(SIZE, OFFSETS, BACKUP, random);
        assertThatThrownBy(() -> BitLockerWriter.volumeHeader(layout, new byte[512])).hasMessageContaining("NTFS");
        assertThatThrownBy(() -> BitLockerWriter.relocatedBootSectors(new byte[4096], layout, new Xts(keys.fvek())))
                .hasMessageContaining("8192");
        assertThat(EncryptionMethod.ofCode(0x8005)).isEqualTo(EncryptionMethod.AES_XTS_256);
        assertThatThrownBy(() -> EncryptionMethod.ofCode(0x8002)).hasMessageContaining("AES-CBC-128");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
