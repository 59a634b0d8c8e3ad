package io.seedship.driveformat.ntfs;

import io.seedship.driveformat.volume.VolumeReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-mostly NTFS reader over any {@link VolumeReader} (a plain image or a BitLocker-decrypted view):
 * the files with their paths and cluster runs, the cluster bitmap, and file contents.
 *
 * <p>Not supported: compressed and EFS-encrypted $DATA (listed, but reading them throws
 * {@link NtfsException}), named data streams, reparse points (read as the plain files they are), and
 * the $UpCase table (case-insensitive lookup uses Java's upper-casing). The file list is scanned once
 * and cached; {@link NtfsRecordPatcher} keeps the cache up to date for the records it edits, other
 * writes to the volume are not seen (open it again). The listing methods are thread-safe; concurrent
 * {@link #readFile} calls are as safe as the {@link VolumeReader} is. Closing the VolumeReader is the
 * caller's business.
 */
public final class NtfsVolume {

    private static final Logger log = LoggerFactory.getLogger(NtfsVolume.class);

    private static final long BITMAP_RECORD = 6;

    private final BootSector boot;
    private final StreamReader streams;
    private final Mft mft;

    /** The scan's result; the patcher replaces entries in place (found through positionOf). */
    private NtfsFile[] listing;
    private Map<Long, Integer> positionOf;
    /** Immutable copy of listing handed out by files(); dropped when the listing changes. */
    private List<NtfsFile> snapshot;
    private Map<String, NtfsFile> byPath;
    private Map<String, NtfsFile> byFoldedPath;
    /** Records (from the scan) whose $DATA cannot be read as a plain stream, with the reason. */
    private Map<Long, String> unsupported;

    private NtfsVolume(BootSector boot, StreamReader streams, Mft mft) {
        this.boot = boot;
        this.streams = streams;
        this.mft = mft;
    }

    public static NtfsVolume open(VolumeReader volume) throws IOException {
        BootSector boot = BootSector.parse(volume.read(0, BootSector.SIZE));
        long volumeBytes = boot.totalSectors() * boot.bytesPerSector();
        if (volume.size() < volumeBytes) {
            throw new NtfsException("boot sector gives a volume of " + volumeBytes + " bytes, the device has only "
                    + volume.size());
        }
        StreamReader streams = new StreamReader(volume, boot.clusterSize());
        // record 0 sits at the start of the first $MFT run, so it can be read before $MFT's runlist is known
        byte[] record0 = volume.read(boot.mftLcn() * boot.clusterSize(), boot.mftRecordSize());
        return new NtfsVolume(boot, streams, Mft.load(boot, streams, record0));
    }

    public int bytesPerSector() {
        return boot.bytesPerSector();
    }

    public int clusterSize() {
        return boot.clusterSize();
    }

    public long totalClusters() {
        return boot.totalClusters();
    }

    public int mftRecordSize() {
        return boot.mftRecordSize();
    }

    public long volumeSerial() {
        return boot.serial();
    }

    /** $MFT's own runs (also part of {@link #allocatedClusters()}). */
    public List<Extent> mftExtents() {
        return mft.data().extents();
    }

    /** Number of record slots in $MFT (in use or not). */
    public long mftRecordCount() {
        return mft.recordCount();
    }

    /**
     * Every in-use base record that has a $FILE_NAME, in record-number order, with its full path. A file
     * with several hard links appears once, under its first non-DOS name.
     */
    public synchronized List<NtfsFile> files() throws IOException {
        if (listing == null) {
            scan();
        }
        if (snapshot == null) {
            snapshot = List.of(listing);
        }
        return snapshot;
    }

    /** The file at a Windows path ("\dir\name"; '/' also accepted): exact match first, then case-insensitive. */
    public synchronized Optional<NtfsFile> find(String windowsPath) throws IOException {
        files();
        String path = windowsPath.replace('/', '\\');
        NtfsFile exact = byPath.get(path);
        return exact != null ? Optional.of(exact) : Optional.ofNullable(byFoldedPath.get(fold(path)));
    }

    /** Bit i set = cluster i in use, from $Bitmap; bits past the last cluster are not set. */
    public BitSet allocatedClusters() throws IOException {
        long total = totalClusters();
        if (total > Integer.MAX_VALUE) {
            throw new NtfsException(total + " clusters do not fit a java.util.BitSet: use allocatedClusters(first, count)");
        }
        return allocatedClusters(0, (int) total);
    }

    /** Allocation bits of clusters {@code first .. first+count-1}: bit i of the result is cluster first+i. */
    public BitSet allocatedClusters(long first, int count) throws IOException {
        if (first < 0 || count < 0 || first + count > totalClusters()) {
            throw new IllegalArgumentException("clusters " + first + " + " + count + " outside 0.." + totalClusters());
        }
        DataStream bitmap = mft.dataOf(BITMAP_RECORD);
        String reason = bitmap.unsupported();
        if (reason != null) {
            throw NtfsException.record(BITMAP_RECORD, "$Bitmap " + reason);
        }
        if (bitmap.dataSize() * 8 < totalClusters()) {
            throw NtfsException.record(BITMAP_RECORD, "$Bitmap holds " + bitmap.dataSize() * 8 + " bits for "
                    + totalClusters() + " clusters");
        }
        long firstByte = first / 8;
        int shift = (int) (first % 8);
        byte[] bits = new byte[(int) ((shift + (long) count + 7) / 8)];
        streams.read(bitmap, BITMAP_RECORD, "$Bitmap", firstByte, ByteBuffer.wrap(bits));
        BitSet all = BitSet.valueOf(bits);
        return all.get(shift, shift + count);
    }

    /**
     * Reads {@code dst.remaining()} bytes of the file's unnamed $DATA from {@code offset}: bytes at or past
     * the initialized size and in sparse runs read as zeros; EOFException if the range passes the data size.
     */
    public void readFile(NtfsFile file, long offset, ByteBuffer dst) throws IOException {
        Objects.requireNonNull(file, "file");
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset + dst.remaining() > file.dataSize()) {
            throw new EOFException(file.path() + ": reading " + dst.remaining() + " bytes at " + offset
                    + " passes the end of its " + file.dataSize() + " bytes");
        }
        if (!dst.hasRemaining()) {
            return;
        }
        String what = "$DATA of " + file.path();
        if (file.resident()) {
            DataStream data = mft.dataOf(file.recordNumber());
            if (!data.resident() || data.dataSize() != file.dataSize()) {
                throw NtfsException.record(file.recordNumber(), what + " changed since it was listed");
            }
            streams.read(data, file.recordNumber(), what, offset, dst);
            return;
        }
        String reason = unsupportedReason(file.recordNumber());
        if (reason != null) {
            throw NtfsException.record(file.recordNumber(), reason);
        }
        streams.readRuns(file.extents(), file.initializedSize(), file.recordNumber(), what, offset, dst);
    }

    /** Absolute byte offset of an MFT record on the volume, through $MFT's runlist. */
    public long recordOffset(long recordNumber) throws IOException {
        return mft.recordOffset(recordNumber);
    }

    // ---- package-private, for NtfsRecordPatcher

    /** The unnamed $DATA of a base record, put together through its attribute list. */
    DataStream dataOf(long recordNumber) throws IOException {
        return mft.dataOf(recordNumber);
    }

    /** Keeps the cached listing in step after the patcher changed a file's initialized size. */
    synchronized void initializedSizeChanged(long recordNumber, long initializedSize) {
        Integer position = positionOf == null ? null : positionOf.get(recordNumber);
        if (position == null) {
            return;
        }
        NtfsFile f = listing[position];
        NtfsFile g = new NtfsFile(f.recordNumber(), f.path(), f.directory(), f.dataSize(), f.allocatedSize(),
                initializedSize, f.resident(), f.extents());
        listing[position] = g;
        byPath.computeIfPresent(g.path(), (k, old) -> old.recordNumber() == recordNumber ? g : old);
        byFoldedPath.computeIfPresent(fold(g.path()), (k, old) -> old.recordNumber() == recordNumber ? g : old);
        snapshot = null;
    }

    private void scan() throws IOException {
        long started = System.nanoTime();
        FileTree.Listing scanned = FileTree.scan(mft);
        Map<Long, Integer> positions = new HashMap<>();
        Map<String, NtfsFile> exact = new HashMap<>();
        Map<String, NtfsFile> folded = new HashMap<>();
        List<NtfsFile> files = scanned.files();
        for (int i = 0; i < files.size(); i++) {
            NtfsFile file = files.get(i);
            positions.put(file.recordNumber(), i);
            exact.putIfAbsent(file.path(), file);
            folded.putIfAbsent(fold(file.path()), file);
        }
        listing = files.toArray(new NtfsFile[0]);
        positionOf = positions;
        snapshot = null;
        byPath = exact;
        byFoldedPath = folded;
        unsupported = scanned.unsupported();
        log.debug("scanned {} MFT records ({} files) in {} ms", mft.recordCount(), files.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static String fold(String path) {
        return path.toUpperCase(Locale.ROOT);
    }

    private synchronized String unsupportedReason(long recordNumber) throws IOException {
        if (unsupported != null) {
            return unsupported.get(recordNumber);
        }
        return mft.dataOf(recordNumber).unsupported();
    }
}
