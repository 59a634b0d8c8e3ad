package io.seedship.staging.chunks;

/**
 * What a write starts from.
 *
 * @param from       the reader's resume point (the start for a fresh staging)
 * @param chunksKept chunks verified and kept; the next one is {@code chunksKept + 1}
 * @param end        the end record when every chunk is already written (only the manifest is missing), else null
 */
record ResumePlan(ResumePoint from, int chunksKept, JournalRecord.End end) {

    static final ResumePlan FRESH = new ResumePlan(ResumePoint.START, 0, null);
}
