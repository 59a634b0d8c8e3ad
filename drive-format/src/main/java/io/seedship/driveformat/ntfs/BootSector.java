package io.seedship.driveformat.ntfs;

import java.nio.charset.StandardCharsets;

/** The fields of the NTFS boot sector ($Boot, sector 0) this reader needs. */
record BootSector(int bytesPerSector, int clusterSize, long totalSectors, long mftLcn, long mftMirrLcn,
        int mftRecordSize, long serial) {

    static final int SIZE = 512;
    private static final int MAX_CLUSTER_SIZE = 2 * 1024 * 1024; // Windows 10 1709+ allows up to 2 MiB

    long totalClusters() {
        return totalSectors * bytesPerSector / clusterSize;
    }

    static BootSector parse(byte[] b) throws NtfsException {
        if (b.length < SIZE) {
            throw new NtfsException("boot sector: only " + b.length + " bytes");
        }
        String oem = new String(b, 3, 8, StandardCharsets.US_ASCII);
        if (!"NTFS    ".equals(oem)) {
            throw new NtfsException("boot sector: OEM id is \"" + oem.strip() + "\", not NTFS");
        }
        if (Bytes.u16(b, 0x1FE) != 0xAA55) {
            throw new NtfsException("boot sector: no 55 AA signature");
        }
        int bytesPerSector = Bytes.u16(b, 0x0B);
        if (bytesPerSector < 256 || bytesPerSector > 4096 || Integer.bitCount(bytesPerSector) != 1) {
            throw new NtfsException("boot sector: bytes per sector " + bytesPerSector);
        }
        // values above 0x80 are a negative power of two: 2^(256 - value) sectors (clusters of 128 KiB and up)
        int spcField = Bytes.u8(b, 0x0D);
        long sectorsPerCluster = spcField <= 0x80 ? spcField : 1L << Math.min(256 - spcField, 40);
        long clusterSize = sectorsPerCluster * bytesPerSector;
        if (sectorsPerCluster == 0 || Long.bitCount(sectorsPerCluster) != 1 || clusterSize > MAX_CLUSTER_SIZE) {
            throw new NtfsException("boot sector: sectors per cluster field 0x" + Integer.toHexString(spcField));
        }
        long totalSectors = Bytes.s64(b, 0x28);
        long mftLcn = Bytes.s64(b, 0x30);
        long mftMirrLcn = Bytes.s64(b, 0x38);
        // a positive value counts clusters, a negative one is 2^-value bytes (records smaller than a cluster)
        int perRecord = b[0x40];
        long recordSize = perRecord > 0 ? perRecord * clusterSize : 1L << Math.min(-perRecord, 40);
        if (recordSize < 256 || recordSize > 65536 || Long.bitCount(recordSize) != 1 || recordSize % 512 != 0) {
            throw new NtfsException("boot sector: MFT record size field " + perRecord + " gives " + recordSize + " bytes");
        }
        long totalClusters = totalSectors / sectorsPerCluster;
        if (totalSectors <= 0 || totalClusters == 0) {
            throw new NtfsException("boot sector: total sectors " + totalSectors);
        }
        if (mftLcn <= 0 || mftLcn >= totalClusters) {
            throw new NtfsException("boot sector: $MFT cluster " + mftLcn + " is outside the " + totalClusters + " clusters");
        }
        return new BootSector(bytesPerSector, (int) clusterSize, totalSectors, mftLcn, mftMirrLcn, (int) recordSize,
                Bytes.s64(b, 0x48));
    }
}
