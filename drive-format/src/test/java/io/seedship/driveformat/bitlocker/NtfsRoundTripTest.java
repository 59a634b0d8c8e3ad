package io.seedship.driveformat.bitlocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seedship.driveformat.volume.FileVolume;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Converts a plaintext NTFS image made by mkntfs into a BitLocker volume with BitLockerWriter and checks it with
 * the independent readers: dislocker (decrypts to an image that ntfscat reads the files from), cryptsetup
 * (bitlkDump, --test-passphrase) and BitLockerVolume itself.
 */
class NtfsRoundTripTest {

    private static final long SIZE = 64L << 20;
    private static final int SECTOR = 512;
    private static final int CLUSTER = 4096;
    /** Four areas in free space at 48 MiB, well past what a fresh 64 MiB volume and the copied files use. */
    private static final long[] METADATA = {48L << 20, (48L << 20) + (1 << 20), (48L << 20) + (2 << 20)};
    private static final long BACKUP = (48L << 20) + (3 << 20);

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(EncryptionMethod.class)
    void independentReadersReadWhatTheWriterWrote(EncryptionMethod method) throws Exception {
        assumeTrue(tools("mkntfs", "ntfscp", "ntfscat", "ntfscluster", "dislocker-file", "cryptsetup"),
                "needs ntfs-3g, dislocker and cryptsetup");
        Path plain = dir.resolve("plain.img");
        Map<String, byte[]> files = makeNtfs(plain);
        for (long area : new long[] {METADATA[0], METADATA[1], METADATA[2], BACKUP}) {
            assertFreeAndZero(plain, area, area == BACKUP ? BitLockerLayout.HEADER_BACKUP_SIZE : BitLockerLayout.METADATA_AREA_SIZE);
        }

        Path encrypted = dir.resolve("bitlocker.img");
        Files.copy(plain, encrypted);
        BitLockerLayout layout = BitLockerLayout.create(SIZE, METADATA, BACKUP, random);
        BitLockerKeys keys = BitLockerKeys.generate(method, random);
        RecoveryPassword password = RecoveryPassword.generate(random);
        convertInPlace(encrypted, layout, keys, password);

        // dislocker decrypts to a plain NTFS image; ntfscat must find every file byte for byte
        Path decrypted = dir.resolve("dislocker.ntfs");
        TestFiles.Result dislocker = TestFiles.run("dislocker-file", "-V", encrypted.toString(), "-p" + password.reveal(),
                decrypted.toString());
        assertThat(Files.exists(decrypted)).as("dislocker output; dislocker said:%n%s", dislocker.output()).isTrue();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Process cat = new ProcessBuilder("ntfscat", decrypted.toString(), f.getKey()).start();
            byte[] content = cat.getInputStream().readAllBytes();
            cat.waitFor();
            assertThat(content).as("%s through dislocker + ntfscat", f.getKey()).isEqualTo(f.getValue());
        }

        TestFiles.Result dump = TestFiles.run("cryptsetup", "bitlkDump", encrypted.toString());
        assertThat(dump.exit()).as(dump.output()).isZero();
        System.out.println(dump.output()); // no key material: GUIDs, salt, offsets
        assertThat(dump.output()).contains("xts-plain64").contains(method.keyLength() * 8 + " bits")
                .contains("VMK protected with recovery passphrase")
                .contains(layout.volumeGuid().toString());
        TestFiles.Result good = TestFiles.run((password.reveal() + "\n").getBytes(StandardCharsets.US_ASCII),
                "cryptsetup", "open", "--type", "bitlk", "--test-passphrase", encrypted.toString());
        assertThat(good.exit()).as(good.output()).isZero();
        RecoveryPassword wrong = RecoveryPassword.generate(random);
        TestFiles.Result bad = TestFiles.run((wrong.reveal() + "\n").getBytes(StandardCharsets.US_ASCII),
                "cryptsetup", "open", "--type", "bitlk", "--test-passphrase", encrypted.toString());
        assertThat(bad.exit()).as(bad.output()).isNotZero();

        // our own reader: the decrypted view is the original image (the four areas were zeros there)
        try (BitLockerVolume volume = BitLockerVolume.unlock(FileVolume.open(encrypted), password)) {
            assertThat(volume.method()).isEqualTo(method);
            assertThat(volume.layout()).isEqualTo(layout);
            assertSameBytes(volume, plain);
        }
        assertThatThrownBy(() -> BitLockerVolume.unlock(FileVolume.open(encrypted), wrong))
                .isInstanceOfSatisfying(BitLockerException.class,
                        e -> assertThat(e.reason()).isEqualTo(BitLockerException.Reason.WRONG_PASSWORD));

        // a drive whose sector 0 is not written yet opens from a metadata block directly
        Path headless = dir.resolve("headless.img");
        Files.copy(encrypted, headless, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(headless, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(SECTOR), 0);
        }
        assertThatThrownBy(() -> BitLockerVolume.unlock(FileVolume.open(headless), password))
                .isInstanceOfSatisfying(BitLockerException.class,
                        e -> assertThat(e.reason()).isEqualTo(BitLockerException.Reason.NOT_BITLOCKER));
        try (BitLockerVolume volume = BitLockerVolume.unlock(FileVolume.open(headless), password, METADATA[1])) {
            assertThat(volume.layout()).isEqualTo(layout);
            assertSameBytes(volume, plain);
            // and the FVEK it hands out encrypts exactly as the writer did
            byte[] sector = volume.read(20L << 20, SECTOR);
            volume.newXts().encrypt(sector, 0, SECTOR, (20L << 20) / SECTOR, SECTOR);
            try (FileVolume raw = FileVolume.open(encrypted)) {
                assertThat(sector).isEqualTo(raw.read(20L << 20, SECTOR));
            }
        }
        System.out.printf("%s: dislocker + ntfscat, cryptsetup bitlkDump and --test-passphrase, BitLockerVolume: all read %d files%n",
                method, files.size());
    }

    /** mkntfs on a 64 MiB file, then three files copied in with ntfscp; returns name to content. */
    private Map<String, byte[]> makeNtfs(Path image) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(SIZE);
        }
        check(TestFiles.run("mkntfs", "-F", "-f", "-Q", "-s", String.valueOf(SECTOR), "-c", String.valueOf(CLUSTER),
                image.toString()));
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] big = new byte[3 * 1024 * 1024 + 12345];
        random.nextBytes(big);
        files.put("random.bin", big);
        files.put("small.txt", "a small file\n".getBytes(StandardCharsets.UTF_8));
        files.put("Grüße – データ.txt", "unicode name\n".getBytes(StandardCharsets.UTF_8));
        int i = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path src = dir.resolve("src" + i++);
            Files.write(src, f.getValue());
            check(TestFiles.run("ntfscp", "-f", image.toString(), src.toString(), f.getKey()));
        }
        return files;
    }

    /** The area reads as zeros and no file (not even NTFS' own) owns a cluster of it. */
    private void assertFreeAndZero(Path image, long offset, int length) throws Exception {
        try (FileVolume v = FileVolume.open(image)) {
            assertThat(v.read(offset, length)).as("area at %d is zeros", offset).containsOnly(0);
        }
        long first = offset / CLUSTER;
        long last = (offset + length) / CLUSTER - 1;
        TestFiles.Result owners = TestFiles.run("ntfscluster", "-c", first + "-" + last, image.toString());
        assertThat(owners.exit()).as(owners.output()).isZero();
        assertThat(owners.output()).as("clusters %d-%d are free", first, last).doesNotContain("Inode");
    }

    /**
     * In-place conversion as a drive writer does it: every sector XTS-encrypted with its own number as tweak
     * except the four areas, then sectors 0-15 encrypted into the header backup area, the metadata into the
     * three metadata areas, and the BitLocker header as sector 0.
     */
    private static void convertInPlace(Path image, BitLockerLayout layout, BitLockerKeys keys, RecoveryPassword password)
            throws IOException {
        Xts xts = new Xts(keys.fvek());
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] boot = read(ch, 0, BitLockerLayout.HEADER_BACKUP_SIZE);
            byte[] chunk = new byte[1 << 20];
            for (long pos = 0; pos < layout.volumeSize(); pos += chunk.length) {
                ch.read(ByteBuffer.wrap(chunk), pos);
                for (int s = 0; s < chunk.length; s += SECTOR) {
                    if (!layout.isReserved(pos + s)) {
                        xts.encrypt(chunk, s, SECTOR, (pos + s) / SECTOR, SECTOR);
                    }
                }
                ch.write(ByteBuffer.wrap(chunk), pos);
            }
            ch.write(ByteBuffer.wrap(BitLockerWriter.relocatedBootSectors(boot, layout, xts)), layout.headerBackupOffset());
            byte[] metadata = BitLockerWriter.metadataArea(layout, keys, password, new SecureRandom());
            for (long m : layout.metadataOffsets()) {
                ch.write(ByteBuffer.wrap(metadata), m);
            }
            ch.write(ByteBuffer.wrap(BitLockerWriter.volumeHeader(layout, Arrays.copyOf(boot, SECTOR))), 0);
        }
    }

    private static byte[] read(FileChannel ch, long pos, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("short read");
            }
        }
        return b.array();
    }

    private static void assertSameBytes(BitLockerVolume volume, Path plain) throws IOException {
        assertThat(volume.size()).isEqualTo(Files.size(plain));
        try (FileVolume original = FileVolume.open(plain)) {
            // odd-sized, unaligned reads too, to exercise the partial-sector paths
            int step = (1 << 20) + 77;
            for (long pos = 0; pos < volume.size(); pos += step) {
                int n = (int) Math.min(step, volume.size() - pos);
                byte[] expected = original.read(pos, n);
                byte[] actual = volume.read(pos, n);
                if (!Arrays.equals(expected, actual)) {
                    int i = Arrays.mismatch(expected, actual);
                    throw new AssertionError("decrypted view differs from the original at byte " + (pos + i));
                }
            }
        }
    }

    private static void check(TestFiles.Result r) {
        assertThat(r.exit()).as(r.output()).isZero();
    }

    private static boolean tools(String... names) {
        for (String name : names) {
            boolean found = false;
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
                found |= Files.isExecutable(Path.of(d, name));
            }
            found |= Files.isExecutable(Path.of("/usr/sbin", name)) || Files.isExecutable(Path.of("/sbin", name));
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
