package io.seedship.driveformat.bitlocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class XtsTest {

    record Vector(String name, byte[] key, long sequence, byte[] plain, byte[] cipher) {
        @Override
        public String toString() {
            return "IEEE 1619 vector " + name + " (XTS-AES-" + key.length * 4 + ", " + plain.length + " bytes)";
        }
    }

    /** IEEE Std 1619-2007 Annex B, vectors 1-10 (whole blocks; 11-14 and the stealing ones are not needed). */
    static List<Vector> ieee1619() throws IOException {
        List<Vector> vectors = new ArrayList<>();
        try (InputStream in = XtsTest.class.getResourceAsStream("/bitlocker/xts-ieee1619.txt")) {
            HexFormat hex = HexFormat.of();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                vectors.add(new Vector(f[0], hex.parseHex(f[1]), Long.parseUnsignedLong(f[2], 16), hex.parseHex(f[3]), hex.parseHex(f[4])));
            }
        }
        return vectors;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ieee1619")
    void ieeeVectors(Vector v) {
        Xts xts = new Xts(v.key());
        byte[] buf = v.plain().clone();
        xts.encrypt(buf, 0, buf.length, v.sequence(), buf.length);
        assertThat(HexFormat.of().formatHex(buf)).isEqualTo(HexFormat.of().formatHex(v.cipher()));
        xts.decrypt(buf, 0, buf.length, v.sequence(), buf.length);
        assertThat(buf).isEqualTo(v.plain());
    }

    @Test
    void consecutiveVectorsInOneCallUseConsecutiveSectorNumbers() throws IOException {
        // vectors 4, 5, 6 are sectors 0, 1, 2 under one key; 7, 8, 9 are sectors 0xfd, 0xfe, 0xff
        List<Vector> v = ieee1619();
        for (int first : new int[] {3, 6}) {
            byte[] plain = concat(v.get(first).plain(), v.get(first + 1).plain(), v.get(first + 2).plain());
            byte[] cipher = concat(v.get(first).cipher(), v.get(first + 1).cipher(), v.get(first + 2).cipher());
            Xts xts = new Xts(v.get(first).key());
            xts.encrypt(plain, 0, plain.length, v.get(first).sequence(), 512);
            assertThat(plain).isEqualTo(cipher);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void largeBuffersMatchASectorBySectorReference(int sectorSize) throws Exception {
        Random random = new Random(sectorSize);
        byte[] key = new byte[64];
        random.nextBytes(key);
        byte[] data = new byte[3 * 1024 * 1024 + 7 * sectorSize];
        random.nextBytes(data);
        int off = 3 * sectorSize;
        int len = data.length - 4 * sectorSize;
        long firstSector = 0xFFFF_FFF0L;
        byte[] fast = data.clone();
        new Xts(key).encrypt(fast, off, len, firstSector, sectorSize);
        byte[] slow = data.clone();
        for (int i = 0; i < len / sectorSize; i++) {
            referenceEncrypt(key, slow, off + i * sectorSize, sectorSize, firstSector + i);
        }
        assertThat(fast).isEqualTo(slow);
        new Xts(key).decrypt(fast, off, len, firstSector, sectorSize);
        assertThat(fast).isEqualTo(data);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Xts(new byte[48])).hasMessageContaining("32 or 64 bytes");
        Xts xts = new Xts(new byte[32]);
        assertThatThrownBy(() -> xts.encrypt(new byte[1024], 0, 1000, 0, 512)).hasMessageContaining("multiple of the sector size");
        assertThatThrownBy(() -> xts.encrypt(new byte[1024], 512, 1024, 0, 512)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> xts.encrypt(new byte[1024], 0, 1024, 0, 500)).hasMessageContaining("multiple of 16");
    }

    /** One data unit, block by block, straight from IEEE 1619 section 5.3 (independent of Xts' batching). */
    static void referenceEncrypt(byte[] key, byte[] buf, int off, int len, long sector) throws Exception {
        int half = key.length / 2;
        Cipher k1 = Cipher.getInstance("AES/ECB/NoPadding");
        k1.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, half, "AES"));
        Cipher k2 = Cipher.getInstance("AES/ECB/NoPadding");
        k2.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, half, half, "AES"));
        byte[] t = new byte[16];
        for (int i = 0; i < 8; i++) {
            t[i] = (byte) (sector >>> (8 * i));
        }
        t = k2.doFinal(t);
        for (int b = 0; b < len; b += 16) {
            byte[] x = new byte[16];
            for (int i = 0; i < 16; i++) {
                x[i] = (byte) (buf[off + b + i] ^ t[i]);
            }
            x = k1.doFinal(x);
            for (int i = 0; i < 16; i++) {
                buf[off + b + i] = (byte) (x[i] ^ t[i]);
            }
            int carry = 0;
            for (int i = 0; i < 16; i++) {
                int next = (t[i] >>> 7) & 1;
                t[i] = (byte) ((t[i] << 1) | carry);
                carry = next;
            }
            if (carry != 0) {
                t[0] ^= (byte) 0x87;
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
