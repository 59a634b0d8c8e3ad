package io.seedship.driveformat.bitlocker;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Prints XTS throughput on 4 MiB buffers (a measurement, not an assertion: the machines are shared and noisy). */
class XtsBenchmarkTest {

    @Test
    void printThroughput() {
        byte[] buf = new byte[4 << 20];
        new Random(1).nextBytes(buf);
        for (EncryptionMethod method : EncryptionMethod.values()) {
            byte[] key = new byte[method.keyLength()];
            new Random(2).nextBytes(key);
            Xts xts = new Xts(key);
            run(xts, buf, 256, true); // warm up the JIT and the AES intrinsics
            for (int sectorSize : new int[] {512, 4096}) {
                double encrypt = run(xts, buf, 512, true, sectorSize);
                double decrypt = run(xts, buf, 512, false, sectorSize);
                System.out.printf("XTS %s, %d-byte sectors, 4 MiB buffers: encrypt %.0f MB/s, decrypt %.0f MB/s%n",
                        method, sectorSize, encrypt, decrypt);
            }
        }
    }

    @Test
    void printRecoveryPasswordStretchingTime() {
        RecoveryPassword password = RecoveryPassword.generate(new java.security.SecureRandom());
        byte[] salt = new byte[16];
        KeyStretch.recoveryPasswordKey(password, salt);
        long start = System.nanoTime();
        KeyStretch.recoveryPasswordKey(password, salt);
        System.out.printf("recovery password stretching (0x100000 SHA-256 rounds): %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }

    private static double run(Xts xts, byte[] buf, int megabytes, boolean encrypt) {
        return run(xts, buf, megabytes, encrypt, 512);
    }

    /** MB/s (10^6 bytes per second) over {@code megabytes} MiB. */
    private static double run(Xts xts, byte[] buf, int megabytes, boolean encrypt, int sectorSize) {
        int rounds = megabytes / 4;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            if (encrypt) {
                xts.encrypt(buf, 0, buf.length, (long) i * (buf.length / sectorSize), sectorSize);
            } else {
                xts.decrypt(buf, 0, buf.length, (long) i * (buf.length / sectorSize), sectorSize);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return (double) rounds * buf.length / seconds / 1e6;
    }
}
