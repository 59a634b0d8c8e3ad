package io.seedship.staging.chunks;

import java.io.IOException;

/** A source file changed while it was read: staging a live file gives an inconsistent backup. */
public class SourceChangedException extends IOException {

    private final String path;

    public SourceChangedException(String path, String what) {
        super(path + ": " + what + " while it was being staged; stage from a snapshot (VSS, LVM, ZFS, a DPM recovery"
                + " point) so files cannot change under the staging");
        this.path = path;
    }

    public String path() {
        return path;
    }
}
