package io.seedship.staging.chunks;

import io.seedship.stagingformat.FileHash;
import java.time.Duration;

/**
 * How a staging is written.
 *
 * @param chunkTargetBytes a chunk file closes at the first block boundary where its compressed size reaches this
 *                         (default 1 GiB, at least 1 MiB)
 * @param zstdLevel        zstd level of every frame (default 3)
 * @param threads          compression threads (default: available processors)
 * @param blockBytes       the uncompressed size of each zstd frame and the size of the blocks of a chunk file whose MD5s
 *                         are recorded (default 4 MiB, the block size of an Azure import)
 * @param progressInterval the least time between two progress reports (default 5 s)
 * @param fileHash         the hash recorded for each file, the end-to-end check (default XXH3-128; SHA-256 where a
 *                         cryptographic hash is wanted, at about a quarter of the staging speed on two cores)
 */
public record StagingOptions(long chunkTargetBytes, int zstdLevel, int threads, int blockBytes, Duration progressInterval,
                             FileHash fileHash) {

    public static final long MIB = 1024 * 1024;
    public static final long DEFAULT_CHUNK_TARGET_BYTES = 1024 * MIB;
    public static final long MIN_CHUNK_TARGET_BYTES = MIB;
    public static final int DEFAULT_ZSTD_LEVEL = 3;
    public static final int DEFAULT_BLOCK_BYTES = (int) (4 * MIB);
    public static final int MIN_BLOCK_BYTES = 64 * 1024;
    public static final int MAX_BLOCK_BYTES = (int) (256 * MIB);
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);
    public static final FileHash DEFAULT_FILE_HASH = FileHash.XXH3_128;

    public StagingOptions {
        if (chunkTargetBytes < MIN_CHUNK_TARGET_BYTES) {
            throw new IllegalArgumentException("chunkTargetBytes " + chunkTargetBytes + " is below the minimum of 1 MiB");
        }
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("zstdLevel " + zstdLevel + " must be between 1 and 22");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads " + threads + " must be between 1 and 256");
        }
        if (blockBytes < MIN_BLOCK_BYTES || blockBytes > MAX_BLOCK_BYTES) {
            throw new IllegalArgumentException("blockBytes " + blockBytes + " must be between 64 KiB and 256 MiB");
        }
        if (progressInterval == null || progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must be zero or positive");
        }
        if (fileHash == null) {
            throw new IllegalArgumentException("fileHash must be one of " + java.util.Arrays.toString(FileHash.values()));
        }
    }

    public static StagingOptions defaults() {
        return new StagingOptions(DEFAULT_CHUNK_TARGET_BYTES, DEFAULT_ZSTD_LEVEL,
                Runtime.getRuntime().availableProcessors(), DEFAULT_BLOCK_BYTES, DEFAULT_PROGRESS_INTERVAL, DEFAULT_FILE_HASH);
    }

    public StagingOptions withChunkTargetBytes(long bytes) {
        return new StagingOptions(bytes, zstdLevel, threads, blockBytes, progressInterval, fileHash);
    }

    public StagingOptions withZstdLevel(int level) {
        return new StagingOptions(chunkTargetBytes, level, threads, blockBytes, progressInterval, fileHash);
    }

    public StagingOptions withThreads(int count) {
        return new StagingOptions(chunkTargetBytes, zstdLevel, count, blockBytes, progressInterval, fileHash);
    }

    public StagingOptions withBlockBytes(int bytes) {
        return new StagingOptions(chunkTargetBytes, zstdLevel, threads, bytes, progressInterval, fileHash);
    }

    public StagingOptions withProgressInterval(Duration interval) {
        return new StagingOptions(chunkTargetBytes, zstdLevel, threads, blockBytes, interval, fileHash);
    }

    public StagingOptions withFileHash(FileHash hash) {
        return new StagingOptions(chunkTargetBytes, zstdLevel, threads, blockBytes, progressInterval, hash);
    }

    /** Source blocks: one being read, one per compressor, and a little read-ahead. */
    int blocksInFlight() {
        return threads + 3;
    }

    /**
     * Compressed frames: one per compressor and room for the others to run ahead of a slow block while the chunk writer
     * waits for it in stream order.
     */
    int framesInFlight() {
        return 2 * threads + 2;
    }
}
