package io.seedship.driveformat.plan;

/**
 * How many bytes of data fit on a drive, estimated before it is formatted: the NTFS metadata mkntfs writes (log file,
 * bitmap, MFT), BitLocker's reserved areas, and per file its last cluster, its MFT record and its manifest entry. The
 * figures are upper bounds measured on mkntfs 2022.10.3 from 64 MiB to 8 TiB; the layout re-checks against the real
 * free space before anything is written.
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
        return 400 + paths + 110L * file.blockCount();
    }
}
