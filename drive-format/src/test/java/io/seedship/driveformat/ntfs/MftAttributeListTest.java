package io.seedship.driveformat.ntfs;

import static io.seedship.driveformat.ntfs.NtfsVolumeTest.MIB;
import static io.seedship.driveformat.ntfs.NtfsVolumeTest.random;
import static io.seedship.driveformat.ntfs.NtfsVolumeTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.driveformat.volume.FileVolume;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * $MFT whose own runlist continues in an extension record, as on big, long-lived volumes. ntfs-3g does
 * not make one on a test-sized volume, so the test takes a real volume with a fragmented $MFT and moves
 * the second half of $MFT's runs into an extension record behind an $ATTRIBUTE_LIST. ntfs-3g's own tools
 * reading the result show the crafted structure is valid NTFS.
 */
class MftAttributeListTest {

    private static final int RECORD = 1024;
    private static final int FILES = 400;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        NtfsTools.assumeInstalled();
    }

    @Test
    void mftRunlistContinuedInAnExtensionRecord() throws Exception {
        Path image = NtfsTools.mkntfs(dir, "v.img", 64 * MIB);
        Files.write(dir.resolve("empty"), new byte[0]);
        NtfsTools.ntfscp(image, dir.resolve("empty"), "filler.bin");
        NtfsTools.ntfsfallocate(image, "filler.bin", (NtfsTools.freeClusters(image) - 1500) * 4096);
        try (NtfsTools.Mount mount = NtfsTools.Mount.mount(image, dir.resolve("mnt"), false)) {
            for (int i = 0; i < FILES; i++) {
                Files.write(mount.dir().resolve("f" + i + ".bin"), random(5000, i));
            }
        }
        List<Extent> mftRuns;
        List<String> paths;
        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            mftRuns = ntfs.mftExtents();
            paths = ntfs.files().stream().map(NtfsFile::path).toList();
            assertThat(mftRuns).hasSizeGreaterThanOrEqualTo(4);
        }

        long extension = moveMftRunsToExtensionRecord(image, mftRuns.size() / 2);
        String info = NtfsTools.ntfsinfoInode(image, 0);
        assertThat(info).contains("$ATTRIBUTE_LIST").contains("MFT reference:\t" + extension + " ");
        // ntfs-3g reads files whose records are only reachable through the extension record's runs
        assertThat(NtfsTools.ntfscat(image, "f" + (FILES - 1) + ".bin")).isEqualTo(random(5000, FILES - 1));

        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            assertThat(ntfs.mftExtents()).isEqualTo(mftRuns);
            assertThat(ntfs.files().stream().map(NtfsFile::path).toList()).isEqualTo(paths);
            for (int i = 0; i < FILES; i++) {
                assertThat(readAll(ntfs, ntfs.find("\\f" + i + ".bin").orElseThrow())).isEqualTo(random(5000, i));
            }
            NtfsFile last = ntfs.find("\\f" + (FILES - 1) + ".bin").orElseThrow();
            long lastVcn = last.recordNumber() * RECORD / 4096;
            assertThat(lastVcn).as("the last file's record is mapped by the extension").isGreaterThanOrEqualTo(
                    mftRuns.get(mftRuns.size() / 2).vcn());
        }
    }

    /** Rewrites record 0 (and its $MFTMirr copy) with an attribute list; returns the extension record number. */
    private static long moveMftRunsToExtensionRecord(Path image, int split) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            BootSector boot = BootSector.parse(read(ch, 0, 512));
            long mftOffset = boot.mftLcn() * boot.clusterSize();
            MftRecord record0 = MftRecord.parse(0, read(ch, mftOffset, RECORD), 0, RECORD);
            // records 16..23 are kept free for $MFT's own extension records
            long extension = 16;
            while (MftRecord.parse(extension, read(ch, mftOffset + extension * RECORD, RECORD), 0, RECORD) != null) {
                extension++;
            }
            byte[] slot = read(ch, mftOffset + extension * RECORD, RECORD);
            int extensionSequence = Math.max(1, Bytes.u16(slot, 0x10));

            Attribute data = Mft.find(record0.attributes, Attribute.DATA, "");
            List<Extent> runs = data.runs();
            long splitVcn = runs.get(split).vcn();
            byte[] head = nonResident(Attribute.DATA, data.instance(), runs.subList(0, split), 0, splitVcn - 1,
                    data.allocatedSize(), data.dataSize(), data.initializedSize());
            Extent last = runs.getLast();
            byte[] tail = nonResident(Attribute.DATA, 0, runs.subList(split, runs.size()), splitVcn,
                    last.vcn() + last.clusters() - 1, 0, 0, 0);

            int listInstance = Bytes.u16(record0.bytes, 0x28);
            ByteArrayOutputStream list = new ByteArrayOutputStream();
            List<byte[]> attributes = new ArrayList<>();
            for (Attribute a : record0.attributes) {
                if (a.type() > Attribute.ATTRIBUTE_LIST && attributes.stream().noneMatch(b -> b == null)) {
                    attributes.add(null); // the list's place, in type order
                }
                list.writeBytes(listEntry(a.type(), 0, 0, record0.sequence, a.instance()));
                if (a == data) {
                    list.writeBytes(listEntry(Attribute.DATA, splitVcn, extension, extensionSequence, 0));
                    attributes.add(head);
                } else {
                    attributes.add(Arrays.copyOfRange(record0.bytes, a.offset(), a.offset() + attributeLength(record0, a)));
                }
            }
            byte[] listAttribute = resident(Attribute.ATTRIBUTE_LIST, listInstance, list.toByteArray());
            attributes.set(attributes.indexOf(null), listAttribute);

            byte[] base = record0.bytes.clone();
            int end = writeAttributes(base, attributes);
            Bytes.put16(base, 0x28, listInstance + 1);
            assertThat(end).as("record 0 still fits").isLessThanOrEqualTo(RECORD);

            byte[] ext = new byte[RECORD];
            System.arraycopy(base, 0, ext, 0, 0x30); // magic and USA layout
            Bytes.put16(ext, 0x10, extensionSequence);
            Bytes.put16(ext, 0x12, 0); // extension records have no links
            Bytes.put16(ext, 0x16, MftRecord.FLAG_IN_USE);
            Bytes.put64(ext, 0x20, (long) record0.sequence << 48); // base record 0
            Bytes.put16(ext, 0x28, 1);
            Bytes.put64(ext, 0x2C, extension);
            Bytes.put16(ext, 0x30, 0);
            Bytes.put16(ext, 0x14, 0x38);
            writeAttributes(ext, List.of(tail));

            Fixups.apply(base, RECORD, 0);
            Fixups.apply(ext, RECORD, extension);
            write(ch, mftOffset, base);
            write(ch, boot.mftMirrLcn() * boot.clusterSize(), base); // ntfs-3g checks the mirror of records 0..3
            write(ch, mftOffset + extension * RECORD, ext);
            markInMftBitmap(ch, boot, record0, extension);
            return extension;
        }
    }

    private static int attributeLength(MftRecord record, Attribute a) {
        return (int) Bytes.u32(record.bytes, a.offset() + 4);
    }

    /** Lays attributes out from the record's first-attribute offset, ends them, sets bytes in use. */
    private static int writeAttributes(byte[] record, List<byte[]> attributes) {
        int pos = Bytes.u16(record, 0x14);
        Arrays.fill(record, pos, record.length, (byte) 0);
        for (byte[] a : attributes) {
            System.arraycopy(a, 0, record, pos, a.length);
            pos += a.length;
        }
        Bytes.put64(record, pos, 0xffff_ffffL);
        pos += 8;
        Bytes.put64(record, 0x18, pos | (long) RECORD << 32); // bytes in use, bytes allocated
        return pos;
    }

    private static byte[] listEntry(int type, long lowestVcn, long record, int sequence, int instance) {
        byte[] e = new byte[0x20];
        Bytes.put64(e, 0, type | 0x20L << 32);
        e[7] = 0x1A; // name offset
        Bytes.put64(e, 0x08, lowestVcn);
        Bytes.put64(e, 0x10, record | (long) sequence << 48);
        Bytes.put16(e, 0x18, instance);
        return e;
    }

    private static byte[] resident(int type, int instance, byte[] value) {
        byte[] a = new byte[align8(0x18 + value.length)];
        Bytes.put64(a, 0, type | (long) a.length << 32);
        Bytes.put16(a, 0x0E, instance);
        Bytes.put64(a, 0x10, value.length | 0x18L << 32);
        System.arraycopy(value, 0, a, 0x18, value.length);
        return a;
    }

    private static byte[] nonResident(int type, int instance, List<Extent> runs, long lowestVcn, long highestVcn,
            long allocated, long dataSize, long initialized) {
        byte[] pairs = mappingPairs(runs);
        byte[] a = new byte[align8(0x40 + pairs.length)];
        Bytes.put64(a, 0, type | (long) a.length << 32);
        a[0x08] = 1;
        Bytes.put16(a, 0x0A, 0x40);
        Bytes.put16(a, 0x0E, instance);
        Bytes.put64(a, 0x10, lowestVcn);
        Bytes.put64(a, 0x18, highestVcn);
        Bytes.put16(a, 0x20, 0x40);
        Bytes.put64(a, 0x28, allocated);
        Bytes.put64(a, 0x30, dataSize);
        Bytes.put64(a, 0x38, initialized);
        System.arraycopy(pairs, 0, a, 0x40, pairs.length);
        return a;
    }

    private static byte[] mappingPairs(List<Extent> runs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long lcn = 0;
        for (Extent e : runs) {
            byte[] length = signedBytes(e.clusters());
            byte[] delta = signedBytes(e.lcn() - lcn);
            lcn = e.lcn();
            out.write(delta.length << 4 | length.length);
            out.writeBytes(length);
            out.writeBytes(delta);
        }
        out.write(0);
        return out.toByteArray();
    }

    /** Shortest little-endian two's complement encoding. */
    private static byte[] signedBytes(long v) {
        int n = 1;
        while (n < 8 && (v >> (8 * n - 1)) != 0 && (v >> (8 * n - 1)) != -1) {
            n++;
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> 8 * i);
        }
        return b;
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    private static void markInMftBitmap(FileChannel ch, BootSector boot, MftRecord record0, long record)
            throws IOException {
        Attribute bitmap = Mft.find(record0.attributes, 0xB0, "");
        long at = bitmap.runs().getFirst().lcn() * boot.clusterSize() + record / 8;
        byte[] b = read(ch, at, 1);
        b[0] |= (byte) (1 << (record % 8));
        write(ch, at, b);
    }

    private static byte[] read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            ch.read(b, at + b.position());
        }
        return b.array();
    }

    private static void write(FileChannel ch, long at, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b, at + b.position());
        }
    }
}
