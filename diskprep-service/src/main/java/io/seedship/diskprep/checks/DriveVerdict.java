package io.seedship.diskprep.checks;

import io.seedship.diskprep.inventory.Drive;
import java.util.List;

/** One drive's verdict: accepted when nothing refuses it. */
public record DriveVerdict(Drive drive, List<Refusal> refusals) {

    public DriveVerdict {
        refusals = List.copyOf(refusals);
    }

    public boolean accepted() {
        return refusals.isEmpty();
    }
}
