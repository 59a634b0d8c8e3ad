package io.seedship.driveformat.ntfs;

import static io.seedship.driveformat.ntfs.NtfsVolumeTest.MIB;
import static io.seedship.driveformat.ntfs.NtfsVolumeTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.driveformat.volume.FileVolume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drive writer's use: preallocate with ntfsfallocate, write clusters directly, set the initialized size. */
class NtfsRecordPatcherTest {

    static final long SIZE = 5 * MIB + 123;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        NtfsTools.assumeInstalled();
    }

    private Path preallocated() throws IOException {
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        NtfsTools.ntfscp(image, empty, "payload.bin");
        NtfsTools.ntfsfallocate(image, "payload.bin", SIZE);
        Files.write(dir.resolve("small"), "resident".getBytes());
        NtfsTools.ntfscp(image, dir.resolve("small"), "small.txt");
        return image;
    }

    static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 12));
        }
        return b;
    }

    private static int usn(Path image, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(image)) {
            ByteBuffer header = ByteBuffer.allocate(64);
            ch.read(header, offset);
            return Bytes.u16(header.array(), Bytes.u16(header.array(), 4));
        }
    }

    @Test
    void writtenClustersBecomeTheFilesDataForNtfs3g() throws Exception {
        Path image = preallocated();
        byte[] data = pattern((int) SIZE);
        long recordOffset;
        int usnBefore;
        try (FileVolume volume = FileVolume.open(image);
                FileChannel device = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile file = ntfs.find("\\payload.bin").orElseThrow();
            assertThat(file.dataSize()).isEqualTo(SIZE);
            assertThat(file.initializedSize()).isZero();
            assertThat(file.resident()).isFalse();
            assertThat(file.extents()).isNotEmpty().noneMatch(Extent::sparse);
            assertThat(NtfsTools.ntfscat(image, "payload.bin")).isEqualTo(new byte[(int) SIZE]);

            recordOffset = ntfs.recordOffset(file.recordNumber());
            usnBefore = usn(image, recordOffset);
            assertThat(NtfsTools.writeThroughExtents(image, file, ntfs.clusterSize(), data)).isEqualTo(data);
            NtfsRecordPatcher.setInitializedSize(device, ntfs, file, file.dataSize());
            device.force(false);

            // the open volume's listing follows the patch
            NtfsFile patched = ntfs.find("\\payload.bin").orElseThrow();
            assertThat(patched.initializedSize()).isEqualTo(SIZE);
            assertThat(ntfs.files()).contains(patched);
            assertThat(readAll(ntfs, patched)).isEqualTo(data);
        }
        assertThat(usn(image, recordOffset)).isEqualTo(usnBefore + 1);
        assertThat(NtfsTools.ntfscat(image, "payload.bin")).isEqualTo(data);
        assertThat(NtfsTools.initializedSize(NtfsTools.ntfsinfoFile(image, "payload.bin"))).isEqualTo(SIZE);
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsFile reread = NtfsVolume.open(volume).find("\\payload.bin").orElseThrow();
            assertThat(reread.initializedSize()).isEqualTo(SIZE);
        }
        try (NtfsTools.Mount mount = NtfsTools.Mount.mount(image, dir.resolve("mnt"), true)) {
            assertThat(Files.readAllBytes(mount.dir().resolve("payload.bin"))).isEqualTo(data);
        }
    }

    @Test
    void partialInitializedSize() throws IOException {
        Path image = preallocated();
        byte[] data = pattern((int) SIZE);
        long half = 1_000_003;
        try (FileVolume volume = FileVolume.open(image);
                FileChannel device = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile file = ntfs.find("\\payload.bin").orElseThrow();
            NtfsTools.writeThroughExtents(image, file, ntfs.clusterSize(), data);
            NtfsRecordPatcher.setInitializedSize(device, ntfs, file, half);
        }
        byte[] expected = new byte[(int) SIZE];
        System.arraycopy(data, 0, expected, 0, (int) half);
        assertThat(NtfsTools.ntfscat(image, "payload.bin")).isEqualTo(expected);
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            assertThat(readAll(ntfs, ntfs.find("\\payload.bin").orElseThrow())).isEqualTo(expected);
        }
    }

    @Test
    void refusesWhatItCannotPatch() throws IOException {
        Path image = preallocated();
        try (FileVolume volume = FileVolume.open(image);
                FileChannel device = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile file = ntfs.find("\\payload.bin").orElseThrow();
            assertThatThrownBy(() -> NtfsRecordPatcher.setInitializedSize(device, ntfs, file, SIZE + 1))
                    .isInstanceOf(IllegalArgumentException.class);
            NtfsFile small = ntfs.find("\\small.txt").orElseThrow();
            assertThatThrownBy(() -> NtfsRecordPatcher.setInitializedSize(device, ntfs, small, 1))
                    .isInstanceOf(NtfsException.class).hasMessageContaining("resident");
            NtfsFile mft = ntfs.find("\\$MFT").orElseThrow();
            assertThatThrownBy(() -> NtfsRecordPatcher.setInitializedSize(device, ntfs, mft, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            NtfsFile stale = new NtfsFile(file.recordNumber(), file.path(), false, SIZE - 1, file.allocatedSize(), 0,
                    false, file.extents());
            assertThatThrownBy(() -> NtfsRecordPatcher.setInitializedSize(device, ntfs, stale, 0))
                    .isInstanceOf(NtfsException.class).hasMessageContaining("not what was listed");
        }
    }

    @Test
    void aTornRecordIsReportedByNumber() throws IOException {
        Path image = preallocated();
        long record;
        try (FileVolume volume = FileVolume.open(image);
                FileChannel device = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile file = ntfs.find("\\payload.bin").orElseThrow();
            record = file.recordNumber();
            // the tail of the second 512-byte stride no longer carries the update sequence number
            long tail = ntfs.recordOffset(record) + 1022;
            ByteBuffer two = ByteBuffer.allocate(2);
            device.read(two, tail);
            two.flip();
            two.put(0, (byte) (two.get(0) ^ 0x5a));
            device.write(two, tail);

            assertThatThrownBy(() -> NtfsRecordPatcher.setInitializedSize(device, ntfs, file, 1))
                    .isInstanceOf(NtfsException.class).hasMessageContaining("MFT record " + record)
                    .hasMessageContaining("update sequence");
        }
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            assertThatThrownBy(ntfs::files).isInstanceOf(NtfsException.class)
                    .hasMessageContaining("MFT record " + record + ": update sequence mismatch in stride 1");
        }
    }
}
