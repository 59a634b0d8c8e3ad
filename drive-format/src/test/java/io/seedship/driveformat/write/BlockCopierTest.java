package io.seedship.driveformat.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.bitlocker.Xts;
import io.seedship.driveformat.layout.ByteRange;
import io.seedship.driveformat.manifest.Base16;
import io.seedship.driveformat.ntfs.Extent;
import io.seedship.driveformat.testing.DataSets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The copier alone, into a plain file: whatever the number of workers, whether the drive is written with O_DIRECT or
 * through the page cache, and with syncs far more often than blocks, each block lands encrypted in its own clusters
 * (files split over several runs) and is reported once, with the MD5 of its plaintext (computed or given).
 */
class BlockCopierTest {

    static final int CLUSTER = 4096;
    static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"1, true, false", "2, true, true", "3, false, false", "8, false, true"})
    void everyBlockLandsEncryptedInItsClustersAndIsReportedOnceAfterASync(int workers, boolean direct, boolean md5sGiven)
            throws Exception {
        long[] sizes = {9 * MIB + 123, 4 * MIB, 70_000, 12 * MIB};
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path drive = DataSets.image(dir, "drive.img", 64 * MIB);
        List<BlockCopier.Job> jobs = new ArrayList<>();
        long nextCluster = 16;
        for (int i = 0; i < sizes.length; i++) {
            Path source = DataSets.file(dir, "src-" + i, sizes[i], 77 + i);
            long clusters = (sizes[i] + CLUSTER - 1) / CLUSTER;
            // two runs per file, the second one a gap further on, the split inside a 4 MiB block
            long first = clusters / 3 + 1;
            List<Extent> extents = List.of(new Extent(0, nextCluster, first),
                    new Extent(first, nextCluster + first + 5, clusters - first));
            nextCluster += clusters + 5 + 3;
            jobs.add(new BlockCopier.Job(i, source, sizes[i], md5sGiven ? md5s(source) : null, new ClusterMap(extents, CLUSTER),
                    i == 1 ? new HashSet<>(Set.of(0)) : new HashSet<>()));
        }

        List<BlockCopier.Written> reported = new ArrayList<>();
        long written;
        FileChannel directChannel = direct ? BlockCopier.openDirect(drive) : null;
        try (FileChannel buffered = FileChannel.open(drive, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel channel = directChannel != null ? directChannel : buffered) {
            // where the test's file system refuses O_DIRECT (tmpfs), both cases go through the page cache
            BlockCopier copier = new BlockCopier(channel, "drive.img", () -> new Xts(key), CLUSTER, workers);
            written = copier.copy(jobs, MIB, 0, 0, reported::addAll, ProgressListener.NONE);
        }

        long expected = 0;
        Set<String> seen = new HashSet<>();
        for (BlockCopier.Job job : jobs) {
            int blocks = (int) ((job.length() + BlockCopier.BLOCK - 1) / BlockCopier.BLOCK);
            List<String> md5s = md5s(job.source());
            byte[] source = Files.readAllBytes(job.source());
            for (int b = 0; b < blocks; b++) {
                if (job.doneBlocks().contains(b)) {
                    continue;
                }
                long offset = (long) b * BlockCopier.BLOCK;
                int length = (int) Math.min(BlockCopier.BLOCK, job.length() - offset);
                int padded = (length + CLUSTER - 1) / CLUSTER * CLUSTER;
                expected += length;
                byte[] plain = new byte[padded];
                System.arraycopy(source, (int) offset, plain, 0, length);
                assertThat(readDecrypted(drive, key, job.clusters(), offset, padded)).as("file %d block %d", job.fileIndex(), b)
                        .isEqualTo(plain);
                assertThat(reported).contains(new BlockCopier.Written(job.fileIndex(), b, md5s.get(b)));
                seen.add(job.fileIndex() + ":" + b);
            }
        }
        assertThat(reported).hasSize(seen.size());
        assertThat(written).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1", "2"})
    void aSourceShorterThanPlannedStopsTheCopyNamingIt(int workers) throws Exception {
        Path drive = DataSets.image(dir, "drive.img", 32 * MIB);
        Path good = DataSets.file(dir, "good", 6 * MIB, 1);
        Path shrunk = DataSets.file(dir, "shrunk", 5 * MIB, 2);
        List<BlockCopier.Job> jobs = List.of(
                new BlockCopier.Job(0, good, 6 * MIB, null, new ClusterMap(List.of(new Extent(0, 16, 6 * MIB / CLUSTER)), CLUSTER), new HashSet<>()),
                new BlockCopier.Job(1, shrunk, 8 * MIB, null, new ClusterMap(List.of(new Extent(0, 4000, 8 * MIB / CLUSTER)), CLUSTER), new HashSet<>()));
        byte[] key = new byte[32];
        try (FileChannel channel = FileChannel.open(drive, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            BlockCopier copier = new BlockCopier(channel, "drive.img", () -> new Xts(key), CLUSTER, workers);
            assertThatThrownBy(() -> copier.copy(jobs, MIB, 0, 0, blocks -> { }, ProgressListener.NONE))
                    .isInstanceOf(DriveException.class).hasMessageContaining(shrunk + ": is " + 5 * MIB + " bytes where " + 8 * MIB);
        }
    }

    private static byte[] readDecrypted(Path drive, byte[] key, ClusterMap clusters, long offset, int length) throws Exception {
        byte[] out = new byte[length];
        int position = 0;
        Xts xts = new Xts(key);
        try (FileChannel channel = FileChannel.open(drive, StandardOpenOption.READ)) {
            for (ByteRange range : clusters.map(offset, length)) {
                ByteBuffer into = ByteBuffer.wrap(out, position, (int) range.length());
                channel.read(into, range.offset());
                xts.decrypt(out, position, (int) range.length(), range.offset() / 512, 512);
                position += (int) range.length();
            }
        }
        return out;
    }

    private static List<String> md5s(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        List<String> md5s = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += BlockCopier.BLOCK) {
            MessageDigest md5 = Base16.md5();
            md5.update(bytes, offset, Math.min(BlockCopier.BLOCK, bytes.length - offset));
            md5s.add(Base16.of(md5.digest()));
        }
        return md5s;
    }
}
