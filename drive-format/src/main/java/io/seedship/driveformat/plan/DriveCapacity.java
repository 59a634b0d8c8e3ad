package io.seedship.driveformat.plan;

/**
 * How many bytes of data fit on a drive, estimated before it is formatted: the NTFS metadata mkntfs writes (log file,
 * bitmap, MFT), BitLocker's reserved areas, and per file its last cluster, its MFT record and its manifest entry. The
 * figures are upper bounds measured on mkntfs 2022.10.3 from 64 MiB to 8 TiB; the layout re-checks against the real
 * free space before anything is written.
 *
 * <p>The margin, stated: beyond the $LogFile (mkntfs makes it at most 0.5% of the volume), the $Bitmap and BitLocker's
 * areas, the estimate keeps 4 MiB + 0.1% of the drive spare. ntfs-3g fills a fresh volume, MFT zone included, to within
 * its $LogFile and 1 MiB when it is asked in pieces (measured from 64 MiB to 1200 MiB: 3-7 MiB lost in all), so the
 * margin covers the MFT records and directory index of the files with room to spare. It does not when a large file is
 * reserved in one ntfsfallocate call: that call fails with gigabytes free (see
 * {@code layout.NtfsTools#createPreallocated}), which is why the layout reserves in pieces. A drive that is full after
 * all is named full by the layout, before the drive is sealed or any data is written.
 */
public final class DriveCapacity {

    public static final int CLUSTER = 4096;
    static final long MIB = 1024 * 1024;
    /** The three 64 KiB BitLocker metadata areas and the 8 KiB boot-sector backup, rounded up. */
    static final long BITLOCKER_RESERVED = 256 * 1024;

    private DriveCapacity() {
    }

    /** Bytes left for files on a freshly formatted drive of {@code size} bytes. */
    public static long available(long size) {
        long logFile = Math.min(size / 200, 64 * MIB);
        long bitmap = size / (8L * CLUSTER);
        long margin = 4 * MIB + size / 1000;
        return Math.max(0, size - logFile - bitmap - margin - BITLOCKER_RESERVED);
    }

    /** Bytes a file of {@code length} takes: its clusters, its MFT record and directory entry, its manifest entry. */
    public static long cost(SourceFile file, String filePath) {
        long clusters = (file.length() + CLUSTER - 1) / CLUSTER * CLUSTER;
        return clusters + 4096 + manifestBytes(file, filePath);
    }

    /** An upper bound of a blob's entry in the manifest (UTF-8, worst-case escaping of paths). */
    static long manifestBytes(SourceFile file, String filePath) {
        long paths = 6L * (file.blobPath().length() + filePath.length());
        return 400 + paths + 130L * file.blockCount();
    }
}
