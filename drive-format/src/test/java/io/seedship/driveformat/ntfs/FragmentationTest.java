package io.seedship.driveformat.ntfs;

import static io.seedship.driveformat.ntfs.NtfsVolumeTest.MIB;
import static io.seedship.driveformat.ntfs.NtfsVolumeTest.random;
import static io.seedship.driveformat.ntfs.NtfsVolumeTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.driveformat.volume.FileVolume;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files in several runs, files whose runlist spills into attribute-list extension records, a fragmented $MFT. */
class FragmentationTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        NtfsTools.assumeInstalled();
    }

    private Path empty() throws IOException {
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        return empty;
    }

    private static long dataExtentRecords(String ntfsinfo) {
        return Pattern.compile("Dumping attribute \\$DATA \\(0x80\\) from mft record").matcher(ntfsinfo).results().count();
    }

    /** Writes data into the file's clusters, sets its initialized size, and checks ntfs-3g and this reader agree. */
    private static void writeAndCheck(Path image, String name, long seed) throws IOException {
        byte[] expected;
        try (FileVolume volume = FileVolume.open(image);
                FileChannel device = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile file = ntfs.find("\\" + name).orElseThrow();
            byte[] data = random(Math.toIntExact(file.dataSize()), seed);
            expected = NtfsTools.writeThroughExtents(image, file, ntfs.clusterSize(), data);
            NtfsRecordPatcher.setInitializedSize(device, ntfs, file, file.dataSize());
            device.force(false);
        }
        assertThat(NtfsTools.ntfscat(image, name)).isEqualTo(expected);
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile file = ntfs.find("\\" + name).orElseThrow();
            assertThat(file.initializedSize()).isEqualTo(file.dataSize());
            assertThat(readAll(ntfs, file)).isEqualTo(expected);
        }
    }

    @Test
    void growingAFileAfterAnotherSplitsItIntoRuns() throws IOException {
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        NtfsTools.ntfscp(image, empty(), "a.bin");
        NtfsTools.ntfscp(image, empty(), "b.bin");
        NtfsTools.ntfsfallocate(image, "a.bin", 100_000);
        NtfsTools.ntfsfallocate(image, "b.bin", 100_000);
        NtfsTools.ntfsfallocate(image, "a.bin", 300_000);
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile a = ntfs.find("\\a.bin").orElseThrow();
            assertThat(a.extents()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(a.extents()).isEqualTo(NtfsTools.runlist(NtfsTools.ntfsinfoFile(image, "a.bin")));
            assertThat(a.dataSize()).isEqualTo(300_000);
            assertThat(a.initializedSize()).isZero(); // ntfsfallocate leaves the valid data length alone
            assertThat(readAll(ntfs, a)).isEqualTo(new byte[300_000]).isEqualTo(NtfsTools.ntfscat(image, "a.bin"));
        }
        writeAndCheck(image, "a.bin", 7);
    }

    @Test
    void sparseRunsSpillingIntoAttributeListExtensionRecords() throws IOException {
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        NtfsTools.ntfscp(image, empty(), "holes.bin");
        // every other cluster allocated: 800 runs do not fit the base record
        for (int i = 0; i < 400; i++) {
            NtfsTools.ntfsfallocate(image, "holes.bin", 2L * i * 4096, 4096);
        }
        String info = NtfsTools.ntfsinfoFile(image, "holes.bin");
        assertThat(info).contains("$ATTRIBUTE_LIST");
        assertThat(dataExtentRecords(info)).isGreaterThanOrEqualTo(2);
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile file = ntfs.find("\\holes.bin").orElseThrow();
            assertThat(file.extents()).hasSize(799).isEqualTo(NtfsTools.runlist(info));
            assertThat(file.extents().stream().filter(Extent::sparse)).hasSize(399);
            assertThat(file.dataSize()).isEqualTo(799L * 4096);
            assertThat(readAll(ntfs, file)).isEqualTo(NtfsTools.ntfscat(image, "holes.bin"));
        }
        writeAndCheck(image, "holes.bin", 8);
    }

    @Test
    void sparseFileWrittenThroughTheMountWithAnAttributeList() throws Exception {
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        byte[] expected = new byte[600 * 8192 - 4096];
        try (NtfsTools.Mount mount = NtfsTools.Mount.mount(image, dir.resolve("mnt"), false);
                RandomAccessFile f = new RandomAccessFile(mount.dir().resolve("holes.bin").toFile(), "rw")) {
            for (int i = 0; i < 600; i++) {
                byte[] chunk = random(4096, i);
                f.seek(i * 8192L);
                f.write(chunk);
                System.arraycopy(chunk, 0, expected, i * 8192, 4096);
            }
        }
        String info = NtfsTools.ntfsinfoFile(image, "holes.bin");
        assertThat(info).contains("$ATTRIBUTE_LIST");
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile file = ntfs.find("\\holes.bin").orElseThrow();
            assertThat(file.extents()).isEqualTo(NtfsTools.runlist(info));
            assertThat(file.initializedSize()).isEqualTo(expected.length);
            assertThat(readAll(ntfs, file)).isEqualTo(expected).isEqualTo(NtfsTools.ntfscat(image, "holes.bin"));
        }
    }

    @Test
    void fragmentedMftIsFollowedThroughItsRunlist() throws Exception {
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        NtfsTools.ntfscp(image, empty(), "filler.bin");
        // fill the volume but 2000 clusters, so the $MFT has to grow between data allocations
        NtfsTools.ntfsfallocate(image, "filler.bin", (NtfsTools.freeClusters(image) - 2000) * 4096);
        int pairs = 500;
        try (NtfsTools.Mount mount = NtfsTools.Mount.mount(image, dir.resolve("mnt"), false)) {
            for (int i = 0; i < pairs; i++) {
                Files.writeString(mount.dir().resolve("f" + i + ".txt"), "file " + i);
                Files.write(mount.dir().resolve("g" + i + ".bin"), random(8192, i));
            }
        }
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            assertThat(ntfs.mftExtents()).hasSizeGreaterThan(3)
                    .isEqualTo(NtfsTools.runlist(NtfsTools.ntfsinfoInode(image, 0)));
            for (int i = 0; i < pairs; i++) {
                assertThat(new String(readAll(ntfs, ntfs.find("\\f" + i + ".txt").orElseThrow()))).isEqualTo("file " + i);
                assertThat(readAll(ntfs, ntfs.find("\\g" + i + ".bin").orElseThrow())).isEqualTo(random(8192, i));
            }
            NtfsFile last = ntfs.find("\\g" + (pairs - 1) + ".bin").orElseThrow();
            long offset = ntfs.recordOffset(last.recordNumber());
            Extent firstRun = ntfs.mftExtents().getFirst();
            assertThat(offset < firstRun.lcn() * 4096 || offset >= (firstRun.lcn() + firstRun.clusters()) * 4096)
                    .as("record %d lies beyond $MFT's first run", last.recordNumber()).isTrue();
        }
    }
}
