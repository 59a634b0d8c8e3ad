package io.seedship.driveformat.ntfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.driveformat.volume.FileVolume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sparse 8 GiB volume with 2000 files made by ntfscp: the $MFT grows past what mkntfs gave it. */
class ManyFilesTest {

    static final int FILES = 2000;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        NtfsTools.assumeInstalled();
    }

    @Test
    void twoThousandFilesOnAnEightGibVolume() throws IOException {
        Path image = NtfsTools.mkntfs(dir, "big.img", 8L << 30);
        long initialRecords;
        try (FileVolume volume = FileVolume.open(image)) {
            initialRecords = NtfsVolume.open(volume).mftRecordCount();
        }
        Path source = dir.resolve("source");
        long started = System.nanoTime();
        for (int i = 0; i < FILES; i++) {
            Files.writeString(source, "file number " + i + "\n");
            NtfsTools.ntfscp(image, source, "file-" + i + ".txt");
        }
        System.out.printf("ntfscp of %d files: %d ms%n", FILES, (System.nanoTime() - started) / 1_000_000);

        try (FileVolume volume = FileVolume.open(image)) {
            NtfsVolume ntfs = NtfsVolume.open(volume);
            assertThat(ntfs.mftRecordCount()).isGreaterThanOrEqualTo(initialRecords + FILES);
            started = System.nanoTime();
            List<NtfsFile> files = ntfs.files();
            long scanMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("files() over %d MFT records (%d files, $MFT in %d runs): %d ms%n",
                    ntfs.mftRecordCount(), files.size(), ntfs.mftExtents().size(), scanMillis);
            assertThat(files.stream().filter(f -> f.path().startsWith("\\file-"))).hasSize(FILES);
            for (int i = 0; i < FILES; i++) {
                NtfsFile file = ntfs.find("\\file-" + i + ".txt").orElseThrow();
                byte[] b = new byte[(int) file.dataSize()];
                ntfs.readFile(file, 0, ByteBuffer.wrap(b));
                assertThat(new String(b)).isEqualTo("file number " + i + "\n");
            }
            assertThat(ntfs.find("\\file-" + (FILES - 1) + ".txt").orElseThrow().recordNumber())
                    .isGreaterThanOrEqualTo(initialRecords);
            BitSet used = ntfs.allocatedClusters();
            assertThat((long) used.cardinality()).isEqualTo(ntfs.totalClusters() - NtfsTools.freeClusters(image));
        }
    }
}
