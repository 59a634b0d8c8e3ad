package io.seedship.driveformat.plan;

import java.util.List;

/** What goes on one drive. */
public record DrivePlan(DriveTarget target, List<PlannedFile> files) {

    public DrivePlan {
        files = List.copyOf(files);
    }

    public long dataBytes() {
        return files.stream().mapToLong(f -> f.source().length()).sum();
    }
}
