package io.seedship.driveformat.plan;

import io.seedship.driveformat.DriveException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a data set over drives when one is not enough: first-fit over the files in decreasing size, so large files
 * find room first. A blob is never split: it lands whole on exactly one drive. Deterministic for the same input;
 * drives left empty are not in the plan.
 */
public final class SpanPlanner {

    /** Manifest header and footer, drive id and creator. */
    static final long MANIFEST_BASE = 4096;

    private SpanPlanner() {
    }

    /**
     * The files do not fit the drives given.
     *
     * @see #bytesLeftOver()
     */
    public static final class DoesNotFit extends DriveException {

        private final long bytesLeftOver;

        DoesNotFit(long bytesLeftOver, String reason) {
            super("data set", reason);
            this.bytesLeftOver = bytesLeftOver;
        }

        /** Drive space the files left over take (file system and manifest overhead included): what more drives need. */
        public long bytesLeftOver() {
            return bytesLeftOver;
        }
    }

    public static SpanPlan plan(List<SourceFile> files, List<DriveTarget> drives) throws DriveException {
        if (drives.isEmpty()) {
            throw new DriveException("drives", "no drive given");
        }
        Set<String> blobs = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (SourceFile file : files) {
            if (!blobs.add(file.blobPath())) {
                throw new DriveException(file.path().toString(), "blob " + file.blobPath() + " appears twice in the data set");
            }
        }
        for (DriveTarget drive : drives) {
            if (!ids.add(drive.driveId())) {
                throw new DriveException(drive.device().toString(), "drive id " + drive.driveId() + " is given twice");
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> files.get(i).length()).reversed()
                .thenComparing(i -> files.get(i).blobPath()));

        long[] free = new long[drives.size()];
        List<List<Integer>> placed = new ArrayList<>();
        for (int d = 0; d < drives.size(); d++) {
            free[d] = DriveCapacity.available(drives.get(d).size()) - MANIFEST_BASE;
            placed.add(new ArrayList<>());
        }
        List<SourceFile> unplaced = new ArrayList<>();
        long unplacedCost = 0;
        for (int i : order) {
            SourceFile file = files.get(i);
            long cost = DriveCapacity.cost(file, filePath(i, file));
            int chosen = -1;
            for (int d = 0; d < drives.size() && chosen < 0; d++) {
                if (free[d] >= cost) {
                    chosen = d;
                }
            }
            if (chosen < 0) {
                unplaced.add(file);
                unplacedCost += cost;
            } else {
                free[chosen] -= cost;
                placed.get(chosen).add(i);
            }
        }
        if (!unplaced.isEmpty()) {
            long missing = unplaced.stream().mapToLong(SourceFile::length).sum();
            SourceFile first = unplaced.get(0);
            throw new DoesNotFit(unplacedCost, "does not fit the " + drives.size() + " drive(s) given: " + unplaced.size()
                    + " file(s) of " + missing + " bytes left over, the largest " + first.path() + " (" + first.length()
                    + " bytes)" + (first.length() > DriveCapacity.available(drives.stream().mapToLong(DriveTarget::size).max().orElse(0))
                    ? ", which is larger than any drive" : "") + "; add drives or larger ones");
        }
        List<DrivePlan> plans = new ArrayList<>();
        for (int d = 0; d < drives.size(); d++) {
            List<Integer> indexes = placed.get(d);
            indexes.sort(Comparator.naturalOrder());
            List<PlannedFile> planned = new ArrayList<>();
            for (int i : indexes) {
                planned.add(new PlannedFile(files.get(i), filePath(i, files.get(i))));
            }
            if (!planned.isEmpty()) {
                plans.add(new DrivePlan(drives.get(d), planned));
            }
        }
        return new SpanPlan(plans);
    }

    /**
     * The file's name on the drive: its index in the data set (unique, so names never collide across drives) and the
     * blob's last path segment with the characters Windows forbids replaced. Files sit in the volume root because the
     * ntfs-3g tools create files but not directories; the manifest maps each back to its blob path.
     */
    static String filePath(int index, SourceFile file) {
        String name = file.blobPath().substring(file.blobPath().lastIndexOf('/') + 1)
                .replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_")
                .replaceAll("[. ]+$", "_");
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        return String.format("\\%06d_%s", index, name);
    }
}
