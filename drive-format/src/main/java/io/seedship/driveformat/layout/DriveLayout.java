package io.seedship.driveformat.layout;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.ntfs.Extent;
import io.seedship.driveformat.ntfs.NtfsFile;
import io.seedship.driveformat.ntfs.NtfsRecordPatcher;
import io.seedship.driveformat.ntfs.NtfsVolume;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.PlannedFile;
import io.seedship.driveformat.volume.FileVolume;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Builds the plaintext NTFS volume of a drive with the ntfs-3g tools: format, the areas BitLocker needs reserved as
 * placeholder files (Windows reserves them with its FVE2 files), each planned file created and its clusters reserved
 * without writing them, and each file's valid data length set to its length so the data the writer puts into those
 * clusters later is what NTFS reads. Files below {@link #COPY_BELOW} bytes are copied whole instead: they may be resident
 * in their MFT record, and rewriting them with the metadata costs nothing.
 */
public final class DriveLayout {

    public static final long COPY_BELOW = 64 * 1024;
    public static final int METADATA_AREA = 64 * 1024;
    public static final int BOOT_BACKUP_AREA = 8 * 1024;
    /** Sectors 0-15: the boot sectors BitLocker relocates to the backup area. */
    public static final int BOOT_SECTORS_BYTES = 16 * 512;
    static final String[] METADATA_FILES = {"\\SeedshipBitLocker.1", "\\SeedshipBitLocker.2", "\\SeedshipBitLocker.3"};
    static final String BOOT_BACKUP_FILE = "\\SeedshipBitLocker.boot";

    private final NtfsTools tools;
    private final Path scratch;

    public DriveLayout(NtfsTools tools, Path scratch) {
        this.tools = tools;
        this.scratch = scratch;
    }

    public PlainLayout build(DrivePlan plan, long driveSize, String manifestPath, long manifestLength) throws IOException {
        Path device = plan.target().device();
        String drive = device.toString();
        tools.format(device, label(plan.target().driveId()));

        Path zeros64 = zeros(METADATA_AREA);
        Path zeros8 = zeros(BOOT_BACKUP_AREA);
        for (String name : METADATA_FILES) {
            tools.copy(device, zeros64, name);
        }
        tools.copy(device, zeros8, BOOT_BACKUP_FILE);
        for (PlannedFile file : plan.files()) {
            if (file.source().length() < COPY_BELOW) {
                tools.copy(device, file.source().path(), file.filePath());
            } else {
                tools.createPreallocated(device, file.filePath(), file.source().length(), driveSize);
            }
        }
        tools.createPreallocated(device, manifestPath, manifestLength, driveSize);

        try (FileVolume plain = FileVolume.open(device); FileChannel rw = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            NtfsVolume ntfs = NtfsVolume.open(plain);
            int cluster = ntfs.clusterSize();
            BitSet reserved = new BitSet();
            List<ByteRange> areas = new ArrayList<>();
            for (String name : METADATA_FILES) {
                areas.add(contiguous(drive, ntfs, name, METADATA_AREA, reserved));
            }
            ByteRange bootBackup = contiguous(drive, ntfs, BOOT_BACKUP_FILE, BOOT_BACKUP_AREA, reserved);

            List<PlacedFile> placed = new ArrayList<>();
            for (PlannedFile file : plan.files()) {
                boolean copied = file.source().length() < COPY_BELOW;
                NtfsFile ntfsFile = find(drive, ntfs, file.filePath());
                if (!copied && ntfsFile.dataSize() < file.source().length()) {
                    // ntfsfallocate's failures are caught by their message; this is the last line of defence
                    throw new DriveException(drive, "is full: " + file.filePath() + " got " + ntfsFile.dataSize() + " of its "
                            + file.source().length() + " bytes reserved; plan again with more or larger drives");
                }
                if (ntfsFile.dataSize() != file.source().length()) {
                    throw new DriveException(file.source().path().toString(), "is " + ntfsFile.dataSize() + " bytes on drive "
                            + drive + " where " + file.source().length() + " were planned: did it change while being copied?");
                }
                placed.add(copied ? new PlacedFile(file.filePath(), ntfsFile.dataSize(), true, List.of())
                        : preallocated(drive, ntfs, rw, ntfsFile, reserved));
            }
            PlacedFile manifest = preallocated(drive, ntfs, rw, find(drive, ntfs, manifestPath), reserved);
            rw.force(true);

            List<ByteRange> metadata = plaintextMetadata(ntfs.allocatedClusters(), reserved, cluster, ntfs.totalClusters(), driveSize);
            return new PlainLayout(driveSize, cluster, placed, manifest, areas, bootBackup, metadata);
        }
    }

    private PlacedFile preallocated(String drive, NtfsVolume ntfs, FileChannel rw, NtfsFile file, BitSet reserved) throws IOException {
        if (file.resident()) {
            throw new DriveException(drive, file.path() + " stayed resident in its MFT record after preallocation");
        }
        long clusters = 0;
        for (Extent extent : file.extents()) {
            if (extent.lcn() < 0) {
                throw new DriveException(drive, file.path() + " has a sparse run after preallocation");
            }
            reserved.set(Math.toIntExact(extent.lcn()), Math.toIntExact(extent.lcn() + extent.clusters()));
            clusters += extent.clusters();
        }
        if (clusters * ntfs.clusterSize() < file.dataSize()) {
            throw new DriveException(drive, file.path() + " has " + clusters + " clusters reserved for " + file.dataSize() + " bytes");
        }
        NtfsRecordPatcher.setInitializedSize(rw, ntfs, file, file.dataSize());
        return new PlacedFile(file.path(), file.dataSize(), false, file.extents());
    }

    private static ByteRange contiguous(String drive, NtfsVolume ntfs, String name, int length, BitSet reserved) throws IOException {
        NtfsFile file = find(drive, ntfs, name);
        if (file.resident() || file.extents().size() != 1 || file.extents().get(0).lcn() < 0) {
            throw new DriveException(drive, "the BitLocker area " + name + " is not one contiguous run of clusters ("
                    + file.extents() + "): format the drive again");
        }
        Extent extent = file.extents().get(0);
        reserved.set(Math.toIntExact(extent.lcn()), Math.toIntExact(extent.lcn() + extent.clusters()));
        return new ByteRange(extent.lcn() * ntfs.clusterSize(), length);
    }

    private static NtfsFile find(String drive, NtfsVolume ntfs, String path) throws IOException {
        return ntfs.find(path).orElseThrow(() -> new DriveException(drive, path + " is missing from the volume just written"));
    }

    /** Allocated clusters that are neither reserved areas nor preallocated data, plus the bytes after the last cluster. */
    static List<ByteRange> plaintextMetadata(BitSet allocated, BitSet reserved, int cluster, long totalClusters, long driveSize) {
        List<ByteRange> ranges = new ArrayList<>();
        BitSet metadata = (BitSet) allocated.clone();
        metadata.andNot(reserved);
        int start = metadata.nextSetBit(0);
        while (start >= 0) {
            int end = metadata.nextClearBit(start);
            long from = Math.max((long) start * cluster, BOOT_SECTORS_BYTES);
            long to = (long) end * cluster;
            if (to > from) {
                ranges.add(new ByteRange(from, to - from));
            }
            start = metadata.nextSetBit(end);
        }
        // the NTFS backup boot sector lies in the last sector, past the last whole cluster
        long tail = totalClusters * cluster;
        if (driveSize > tail) {
            ranges.add(new ByteRange(tail, driveSize - tail));
        }
        return ranges;
    }

    private Path zeros(int length) throws IOException {
        Path file = scratch.resolve("seedship-zeros-" + length);
        if (!Files.exists(file) || Files.size(file) != length) {
            Files.write(file, new byte[length]);
        }
        return file;
    }

    /** NTFS labels hold at most 32 characters. */
    static String label(String driveId) {
        return driveId.length() <= 32 ? driveId : driveId.substring(0, 32);
    }
}
