package io.seedship.stagingformat.restore;

/**
 * What a restore or a verification went through.
 *
 * @param skipped entries listed as skipped when staged (fifos, sockets, devices): not restored
 */
public record RestoreReport(String manifestSha256, long entries, long files, long bytes, int chunks, long skipped) {
}
