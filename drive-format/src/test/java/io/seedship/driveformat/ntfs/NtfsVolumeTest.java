package io.seedship.driveformat.ntfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seedship.driveformat.volume.FileVolume;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NtfsVolume against volumes made by the real ntfs-3g tools. */
class NtfsVolumeTest {

    static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        NtfsTools.assumeInstalled();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] readAll(NtfsVolume ntfs, NtfsFile file) throws IOException {
        byte[] b = new byte[Math.toIntExact(file.dataSize())];
        ntfs.readFile(file, 0, ByteBuffer.wrap(b));
        return b;
    }

    @Test
    void bootSectorFieldsOfAFreshVolume() throws IOException {
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            assertThat(ntfs.bytesPerSector()).isEqualTo(512);
            assertThat(ntfs.clusterSize()).isEqualTo(4096);
            // mkntfs keeps the last sector for the backup boot sector
            assertThat(ntfs.totalClusters()).isEqualTo((64 * MIB - 512) / 4096);
            assertThat(ntfs.mftRecordSize()).isEqualTo(1024);
            assertThat(ntfs.volumeSerial()).isNotZero();
            assertThat(ntfs.mftExtents()).isNotEmpty();
            assertThat(ntfs.recordOffset(0)).isEqualTo(ntfs.mftExtents().getFirst().lcn() * 4096);

            List<String> paths = ntfs.files().stream().map(NtfsFile::path).toList();
            assertThat(paths).contains("\\", "\\$MFT", "\\$MFTMirr", "\\$LogFile", "\\$Volume", "\\$AttrDef",
                    "\\$Bitmap", "\\$Boot", "\\$BadClus", "\\$Secure", "\\$UpCase", "\\$Extend");
            assertThat(ntfs.find("\\").orElseThrow().directory()).isTrue();
            assertThat(ntfs.find("\\").orElseThrow().recordNumber()).isEqualTo(5);
            assertThat(ntfs.find("\\$Extend").orElseThrow().directory()).isTrue();
            NtfsFile mft = ntfs.find("\\$MFT").orElseThrow();
            assertThat(mft.recordNumber()).isZero();
            assertThat(mft.extents()).isEqualTo(ntfs.mftExtents());
            assertThat(mft.dataSize()).isEqualTo(ntfs.mftRecordCount() * 1024);
            // $Boot's data is the boot sector itself
            NtfsFile bootFile = ntfs.find("\\$Boot").orElseThrow();
            byte[] boot = new byte[512];
            ntfs.readFile(bootFile, 0, ByteBuffer.wrap(boot));
            assertThat(boot).isEqualTo(volume.read(0, 512));
        }
    }

    @Test
    void filesInTheRootListAndReadLikeNtfscat() throws IOException {
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        Map<String, byte[]> sources = new LinkedHashMap<>();
        sources.put("empty.bin", new byte[0]);
        sources.put("one.bin", new byte[] {42});
        sources.put("small.txt", "a small file that NTFS keeps inside its MFT record\n".repeat(5).getBytes());
        sources.put("big.bin", random(3 * (int) MIB + 17, 1));
        sources.put("données-日本.bin", random(5000, 2));
        sources.put("a-long-name-" + "x".repeat(200) + ".dat", random(10_000, 3));
        for (Map.Entry<String, byte[]> e : sources.entrySet()) {
            Path source = dir.resolve("source");
            Files.write(source, e.getValue());
            NtfsTools.ntfscp(image, source, e.getKey());
        }
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            for (Map.Entry<String, byte[]> e : sources.entrySet()) {
                NtfsFile file = ntfs.find("\\" + e.getKey()).orElseThrow(() -> new AssertionError(e.getKey()));
                assertThat(file.path()).isEqualTo("\\" + e.getKey());
                assertThat(file.name()).isEqualTo(e.getKey());
                assertThat(file.directory()).isFalse();
                assertThat(file.dataSize()).as(e.getKey()).isEqualTo(e.getValue().length);
                assertThat(file.initializedSize()).as(e.getKey()).isEqualTo(e.getValue().length);
                byte[] read = readAll(ntfs, file);
                assertThat(read).as(e.getKey()).isEqualTo(e.getValue());
                assertThat(read).as(e.getKey()).isEqualTo(NtfsTools.ntfscat(image, e.getKey()));
            }
            assertThat(ntfs.find("\\small.txt").orElseThrow().resident()).isTrue();
            NtfsFile big = ntfs.find("\\big.bin").orElseThrow();
            assertThat(big.resident()).isFalse();
            assertThat(big.allocatedSize()).isEqualTo((big.dataSize() + 4095) / 4096 * 4096);
            assertThat(big.extents()).isEqualTo(NtfsTools.runlist(NtfsTools.ntfsinfoFile(image, "big.bin")));

            // reads at odd offsets across cluster boundaries, and into a direct buffer
            ByteBuffer part = ByteBuffer.allocateDirect(100_000);
            ntfs.readFile(big, 4095, part);
            byte[] partBytes = new byte[100_000];
            part.flip().get(partBytes);
            assertThat(partBytes).isEqualTo(Arrays.copyOfRange(sources.get("big.bin"), 4095, 4095 + 100_000));
            byte[] tail = new byte[17];
            ntfs.readFile(big, big.dataSize() - 17, ByteBuffer.wrap(tail));
            assertThat(tail).isEqualTo(Arrays.copyOfRange(sources.get("big.bin"), (int) big.dataSize() - 17,
                    (int) big.dataSize()));
            byte[] residentPart = new byte[10];
            ntfs.readFile(ntfs.find("\\small.txt").orElseThrow(), 2, ByteBuffer.wrap(residentPart));
            assertThat(new String(residentPart)).isEqualTo("small file");

            // past the end
            NtfsFile one = ntfs.find("\\one.bin").orElseThrow();
            assertThatThrownBy(() -> ntfs.readFile(one, 0, ByteBuffer.allocate(2))).isInstanceOf(EOFException.class)
                    .hasMessageContaining("\\one.bin");
            assertThatThrownBy(() -> ntfs.readFile(big, big.dataSize(), ByteBuffer.allocate(1)))
                    .isInstanceOf(EOFException.class);
            ntfs.readFile(big, big.dataSize(), ByteBuffer.allocate(0));

            // lookups: exact, then case-insensitive; '/' accepted
            assertThat(ntfs.find("\\BIG.BIN")).contains(big);
            assertThat(ntfs.find("/big.bin")).contains(big);
            assertThat(ntfs.find("\\DONNÉES-日本.BIN")).isPresent();
            assertThat(ntfs.find("\\missing.bin")).isEmpty();
        }
    }

    @Test
    void nestedDirectoriesMadeThroughAnNtfs3gMount() throws Exception {
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        byte[] deep = random(20_000, 4);
        byte[] other = "other\n".getBytes();
        byte[] unicode = random(70_000, 5);
        try (NtfsTools.Mount mount = NtfsTools.Mount.mount(image, dir.resolve("mnt"), false)) {
            Path root = mount.dir();
            Files.createDirectories(root.resolve("a/b/c"));
            Files.write(root.resolve("a/b/c/file"), deep);
            Files.write(root.resolve("a/b/other.txt"), other);
            Files.createDirectories(root.resolve("a/Ünïcödé dir"));
            Files.write(root.resolve("a/Ünïcödé dir/x.bin"), unicode);
            // enough entries that the directory index leaves its MFT record
            for (int i = 0; i < 100; i++) {
                Files.write(root.resolve("a/b/entry-" + i + ".txt"), ("entry " + i).getBytes());
            }
        }
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            assertThat(ntfs.find("\\a").orElseThrow().directory()).isTrue();
            assertThat(ntfs.find("\\a\\b").orElseThrow().directory()).isTrue();
            assertThat(ntfs.find("\\a\\b\\c").orElseThrow().directory()).isTrue();
            NtfsFile file = ntfs.find("\\a\\b\\c\\file").orElseThrow();
            assertThat(file.directory()).isFalse();
            assertThat(readAll(ntfs, file)).isEqualTo(deep).isEqualTo(NtfsTools.ntfscat(image, "a/b/c/file"));
            assertThat(readAll(ntfs, ntfs.find("\\a\\b\\other.txt").orElseThrow())).isEqualTo(other);
            assertThat(readAll(ntfs, ntfs.find("\\a\\Ünïcödé dir\\x.bin").orElseThrow())).isEqualTo(unicode);
            assertThat(ntfs.find("\\A\\B\\C\\FILE")).contains(file);
            for (int i = 0; i < 100; i++) {
                NtfsFile entry = ntfs.find("\\a\\b\\entry-" + i + ".txt").orElseThrow();
                assertThat(new String(readAll(ntfs, entry))).isEqualTo("entry " + i);
            }
            assertThat(ntfs.files().stream().filter(f -> f.path().startsWith("\\a\\b\\entry-"))).hasSize(100);
        }
    }

    @Test
    void theLongNameWinsOverTheDosName() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 sets the DOS name");
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        try (NtfsTools.Mount mount = NtfsTools.Mount.mount(image, dir.resolve("mnt"), false)) {
            Path dirWithDos = Files.createDirectory(mount.dir().resolve("Program Files"));
            Path file = Files.writeString(dirWithDos.resolve("long file name.txt"), "hi");
            // ntfs-3g adds a DOS-namespace $FILE_NAME (stored before the Win32 one, as ntfsinfo shows)
            NtfsTools.run("python3", "-c", "import os,sys\nfor p, n in ((sys.argv[1], b'PROGRA~1'), (sys.argv[2], "
                    + "b'LONGFI~1.TXT')): os.setxattr(p, 'system.ntfs_dos_name', n)", dirWithDos.toString(),
                    file.toString());
        }
        assertThat(NtfsTools.ntfsinfoFile(image, "Program Files/long file name.txt")).contains("Namespace:\t\t DOS");
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile file = ntfs.find("\\Program Files\\long file name.txt").orElseThrow();
            assertThat(new String(readAll(ntfs, file))).isEqualTo("hi");
            assertThat(ntfs.files()).noneMatch(f -> f.path().contains("~1"));
        }
    }

    @Test
    void allocatedClustersMatchNtfsinfoAndCoverEveryFile() throws IOException {
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        Path source = dir.resolve("source");
        Files.write(source, random(2 * (int) MIB + 5, 6));
        NtfsTools.ntfscp(image, source, "data.bin");
        Files.write(source, new byte[0]);
        NtfsTools.ntfscp(image, source, "pre.bin");
        NtfsTools.ntfsfallocate(image, "pre.bin", 3 * MIB);
        NtfsTools.ntfscp(image, source, "sparse.bin");
        NtfsTools.ntfsfallocate(image, "sparse.bin", 5 * MIB, 8192);
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            BitSet used = ntfs.allocatedClusters();
            assertThat(used.length()).isLessThanOrEqualTo((int) ntfs.totalClusters());
            assertThat((long) used.cardinality()).isEqualTo(ntfs.totalClusters() - NtfsTools.freeClusters(image));
            for (NtfsFile file : ntfs.files()) {
                for (Extent e : file.extents()) {
                    if (!e.sparse()) {
                        assertThat(used.nextClearBit((int) e.lcn())).as(file.path() + " " + e)
                                .isGreaterThanOrEqualTo((int) (e.lcn() + e.clusters()));
                    }
                }
            }
            assertThat(ntfs.find("\\sparse.bin").orElseThrow().extents()).anyMatch(Extent::sparse);
            // a window of the bitmap, not byte-aligned
            assertThat(ntfs.allocatedClusters(13, 1000)).isEqualTo(used.get(13, 1013));
            assertThat(used.get(0)).isTrue(); // $Boot
        }
    }

    @Test
    void compressedDataIsListedButRefused() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 sets the compression attribute");
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        byte[] text = "compress me\n".repeat(20_000).getBytes();
        try (NtfsTools.Mount mount = NtfsTools.Mount.mount(image, dir.resolve("mnt"), false)) {
            Path packed = Files.createDirectory(mount.dir().resolve("packed"));
            // FILE_ATTRIBUTE_COMPRESSED on the directory: ntfs-3g compresses the files created in it
            NtfsTools.run("python3", "-c", "import os,sys; os.setxattr(sys.argv[1], 'system.ntfs_attrib_be', "
                    + "bytes.fromhex('00000810'))", packed.toString());
            Files.write(packed.resolve("text.txt"), text);
        }
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile file = ntfs.find("\\packed\\text.txt").orElseThrow();
            assertThat(file.dataSize()).isEqualTo(text.length);
            assertThatThrownBy(() -> ntfs.readFile(file, 0, ByteBuffer.allocate(10))).isInstanceOf(NtfsException.class)
                    .hasMessageContaining("MFT record " + file.recordNumber()).hasMessageContaining("compressed");
        }
    }

    @Test
    void notAnNtfsVolume() throws IOException {
        Path image = dir.resolve("zeros.img");
        Files.write(image, new byte[1 << 20]);
        try (FileVolume volume = FileVolume.open(image)) {
            assertThatThrownBy(() -> NtfsVolume.open(volume)).isInstanceOf(NtfsException.class)
                    .hasMessageContaining("not NTFS");
        }
    }
}
