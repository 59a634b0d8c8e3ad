package io.seedship.driveformat.plan;

import java.util.List;

/** A data set split over drives: each blob on exactly one drive. */
public record SpanPlan(List<DrivePlan> drives) {

    public SpanPlan {
        drives = List.copyOf(drives);
    }

    /** Which blobs go on which drive, for an operator. */
    public String report() {
        StringBuilder report = new StringBuilder();
        for (DrivePlan drive : drives) {
            report.append("drive ").append(drive.target().driveId()).append(" (").append(drive.target().device()).append("): ")
                    .append(drive.files().size()).append(" blobs, ").append(drive.dataBytes()).append(" bytes\n");
            for (PlannedFile file : drive.files()) {
                report.append("  ").append(file.source().blobPath()).append(" <- ").append(file.source().path())
                        .append(" (").append(file.source().length()).append(" bytes) as ").append(file.filePath()).append('\n');
            }
        }
        return report.toString();
    }
}
