package io.seedship.driveformat.verify;

import java.util.List;

/**
 * What reading a drive back found.
 *
 * @param problems one line per blob or block that does not match its manifest; empty when the drive is good to ship
 */
public record VerifyReport(String driveId, String manifestFile, String manifestHash, int blobs, long blocks, long bytes,
                           List<String> problems) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
