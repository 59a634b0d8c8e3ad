/**
 * The staging write: {@link io.seedship.staging.chunks.StagingWriter} packs a
 * {@link io.seedship.staging.source.BackupSource} into zstd chunk files and a manifest, resumable after a crash;
 * {@link io.seedship.staging.chunks.StagingEstimator} predicts the staged size first.
 *
 * <h2>How a write runs</h2>
 * The calling thread walks the source and reads each file into a 4 MiB block (direct buffers, one read per block),
 * hashing it with the file hash (XXH3-128 by default) as it goes; {@code threads} compressor threads compress blocks
 * as independent zstd frames with their XXH64, each with its own reusable context, and hand the block back to the
 * reader at once; one chunk writer thread copies the frames in order into a buffer per 4 MiB block of the chunk and
 * writes each full block with direct I/O, past the page cache ({@link io.seedship.staging.chunks.ChunkFile} says why);
 * one hasher thread takes the written blocks and, every {@link io.seedship.staging.md5.BlockMd5s#lanes()} of them,
 * MD5-hashes them together on SIMD lanes from memory and gives the buffers back; one closer thread syncs, renames and
 * journals each finished chunk. {@code threads + 3} source blocks, {@code 2 x threads + 2} frames and
 * {@code lanes + 3} chunk blocks (at most 64 MiB waiting to be hashed) circulate between them: that and one directory
 * listing per level of the walk is all the memory a write needs, whatever the number of files. Entries are streamed to
 * a file, never held.
 *
 * <h2>Files in the staging directory</h2>
 * <ul>
 *   <li>{@code chunk-NNNNNN.zst}: written as {@code chunk-NNNNNN.zst.tmp}, synced, renamed, then journaled;</li>
 *   <li>{@code staging-journal.jsonl}: append-only, one JSON line per event with a CRC32C: a start line (source and
 *       options), one line per chunk (size, block MD5s, stream range, and the resume point: entry index,
 *       offset in that entry, and the length of the entries file), and an end line (totals);</li>
 *   <li>{@code staging-entries.jsonl}: the entries written so far, with their hash and stream offset;</li>
 *   <li>{@code staging-manifest.json} and {@code .sha256}: written last (temp, sync, rename); then the journal and
 *       the entries file are deleted.</li>
 * </ul>
 *
 * <h2>Resuming</h2>
 * A write into a directory with a journal of the same source and options keeps every journaled chunk whose size and
 * block MD5s still match, deletes everything after the last good one, cuts the entries file back, and checks that the
 * entries already staged still have the same path, kind, size, mtime and link target in the source. If so it goes on
 * from the resume point (re-reading the first part of the file that straddles it, to rebuild its hash); if not it
 * starts over and says so through {@link io.seedship.staging.chunks.ProgressListener#notice}. A torn last journal
 * line is ignored. The output does not depend on the thread count or on interruptions: a resumed staging is byte for
 * byte the staging an uninterrupted write gives.
 */
package io.seedship.staging.chunks;
