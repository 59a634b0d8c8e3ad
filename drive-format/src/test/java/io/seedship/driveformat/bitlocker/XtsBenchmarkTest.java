package io.seedship.driveformat.bitlocker;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints XTS throughput on 4 MiB buffers and the recovery-password stretching time: a measurement, not an assertion
 * (the machines are shared and noisy). Not part of the normal build, which it would slow by several GiB of AES:
 * {@code ./mvnw -B -pl drive-format test -Dtest=XtsBenchmarkTest -Dbench.xts.mib=512} measures each method, sector
 * size and direction over {@code bench.xts.mib} MiB (a multiple of 4).
 */
@EnabledIfSystemProperty(named = "bench.xts.mib", matches = "[0-9]+")
class XtsBenchmarkTest {

    @Test
    void printThroughput() {
        int megabytes = Integer.getInteger("bench.xts.mib");
        byte[] buf = new byte[4 << 20];
        new Random(1).nextBytes(buf);
        for (EncryptionMethod method : EncryptionMethod.values()) {
            byte[] key = new byte[method.keyLength()];
            new Random(2).nextBytes(key);
            Xts xts = new Xts(key);
            run(xts, buf, Math.max(4, megabytes / 2), true); // warm up the JIT and the AES intrinsics
            for (int sectorSize : new int[] {512, 4096}) {
                double encrypt = run(xts, buf, megabytes, true, sectorSize);
                double decrypt = run(xts, buf, megabytes, false, sectorSize);
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
