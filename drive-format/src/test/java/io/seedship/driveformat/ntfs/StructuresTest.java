package io.seedship.driveformat.ntfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encodings that the ntfs-3g made images do not reach: big clusters, small records, odd runlists. */
class StructuresTest {

    private static byte[] bootSector(int bytesPerSector, int sectorsPerClusterField, int recordField) {
        byte[] b = new byte[512];
        System.arraycopy("NTFS    ".getBytes(StandardCharsets.US_ASCII), 0, b, 3, 8);
        Bytes.put16(b, 0x0B, bytesPerSector);
        b[0x0D] = (byte) sectorsPerClusterField;
        Bytes.put64(b, 0x28, 1L << 30);
        Bytes.put64(b, 0x30, 4);
        Bytes.put64(b, 0x38, 2);
        b[0x40] = (byte) recordField;
        Bytes.put64(b, 0x48, 0x1234_5678_9abc_def0L);
        Bytes.put16(b, 0x1FE, 0xAA55);
        return b;
    }

    @Test
    void bootSectorEncodings() throws NtfsException {
        BootSector plain = BootSector.parse(bootSector(512, 8, 0xF6));
        assertThat(plain.clusterSize()).isEqualTo(4096);
        assertThat(plain.mftRecordSize()).isEqualTo(1024); // -10: 2^10 bytes
        assertThat(plain.serial()).isEqualTo(0x1234_5678_9abc_def0L);
        assertThat(plain.totalClusters()).isEqualTo((1L << 30) / 8);

        // 0xF8 = -8: 2^8 sectors of 512 bytes = 128 KiB clusters (Windows 10 large clusters)
        BootSector big = BootSector.parse(bootSector(512, 0xF8, 0xF6));
        assertThat(big.clusterSize()).isEqualTo(128 * 1024);
        assertThat(big.mftRecordSize()).isEqualTo(1024);

        // 4Kn drive: 4096-byte records given as one cluster
        BootSector native4k = BootSector.parse(bootSector(4096, 1, 1));
        assertThat(native4k.clusterSize()).isEqualTo(4096);
        assertThat(native4k.mftRecordSize()).isEqualTo(4096);

        assertThatThrownBy(() -> BootSector.parse(bootSector(512, 3, 0xF6))).isInstanceOf(NtfsException.class)
                .hasMessageContaining("sectors per cluster");
        assertThatThrownBy(() -> BootSector.parse(bootSector(512, 8, 0xEF))).isInstanceOf(NtfsException.class)
                .hasMessageContaining("record size");
        byte[] fat = bootSector(512, 8, 0xF6);
        System.arraycopy("MSDOS5.0".getBytes(StandardCharsets.US_ASCII), 0, fat, 3, 8);
        assertThatThrownBy(() -> BootSector.parse(fat)).hasMessageContaining("not NTFS");
    }

    @Test
    void runlistDeltasAndSparseRuns() throws NtfsException {
        byte[] pairs = {
            0x21, 0x10, 0x00, 0x01, // 16 clusters at LCN 0x100
            0x01, 0x05, // 5 sparse clusters
            0x31, 0x02, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, // 2 clusters at 0x100 - 16 = 0xF0
            0x00};
        List<Extent> runs = Runlist.decode(pairs, 0, pairs.length, 7, 99);
        assertThat(runs).containsExactly(new Extent(7, 0x100, 16), new Extent(23, -1, 5), new Extent(28, 0xF0, 2));

        byte[] negative = {0x11, 0x01, (byte) 0x80, 0x00}; // first delta below LCN 0
        assertThatThrownBy(() -> Runlist.decode(negative, 0, negative.length, 0, 42))
                .isInstanceOf(NtfsException.class).hasMessageContaining("MFT record 42").hasMessageContaining("negative LCN");
        byte[] unterminated = {0x11, 0x01, 0x01};
        assertThatThrownBy(() -> Runlist.decode(unterminated, 0, unterminated.length, 0, 42))
                .hasMessageContaining("terminator");
    }

    @Test
    void fixupsRoundTrip() throws NtfsException {
        byte[] record = new byte[1024];
        Bytes.put16(record, 0x04, 0x30);
        Bytes.put16(record, 0x06, 3);
        Bytes.put16(record, 0x30, 0xFFFE);
        record[510] = 'a';
        record[511] = 'b';
        record[1022] = 'c';
        record[1023] = 'd';
        byte[] written = record.clone();
        Fixups.apply(written, 1024, 7);
        assertThat(Bytes.u16(written, 0x30)).isEqualTo(1); // 0xFFFF is skipped, then wraps to 1
        assertThat(Bytes.u16(written, 510)).isEqualTo(1);
        assertThat(Bytes.u16(written, 1022)).isEqualTo(1);
        byte[] read = written.clone();
        Fixups.undo(read, 1024, 7);
        assertThat(new String(read, 510, 2, StandardCharsets.US_ASCII)).isEqualTo("ab");
        assertThat(new String(read, 1022, 2, StandardCharsets.US_ASCII)).isEqualTo("cd");

        written[1023] ^= 1;
        assertThatThrownBy(() -> Fixups.undo(written, 1024, 7)).isInstanceOf(NtfsException.class)
                .hasMessageContaining("MFT record 7: update sequence mismatch in stride 1");
    }
}
