package io.seedship.staging.chunks;

import io.seedship.staging.md5.BlockMd5s;
import io.seedship.staging.source.BackupSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the pipeline from a resume point to the end record: the calling thread reads, {@code threads}
 * compressors compress, one thread writes chunks, one hashes their blocks, one makes them durable.
 */
final class StagingRun {

    private StagingRun() {
    }

    static JournalRecord.End run(StagingOptions options, boolean hashing, BackupSource source, StagingDirectory dir,
                                 Journal journal, ResumePlan plan, ProgressMeter meter)
            throws IOException, InterruptedException {
        ResumePoint from = plan.from();
        BlockMd5s md5s = hashing ? BlockMd5s.create(options.blockBytes()) : null;
        Pipeline pipeline = new Pipeline(options.blocksInFlight(), options.framesInFlight(),
                ChunkHasher.buffersNeeded(options.blockBytes(), md5s), options.blockBytes());
        try (EntriesFile entries = new EntriesFile(dir.entries(), from.entriesLength())) {
            ChunkCloser closer = new ChunkCloser(pipeline, dir, journal, entries, plan.chunksKept());
            ChunkHasher hasher = new ChunkHasher(options.blockBytes(), md5s, pipeline, closer);
            ChunkSink sink = new ChunkSink(options, dir, pipeline, hasher, closer, meter, plan.chunksKept() + 1,
                    from.bytesDone());
            List<Thread> compressors = new ArrayList<>();
            for (int i = 0; i < options.threads(); i++) {
                compressors.add(pipeline.start("staging-zstd-" + i, new BlockCompressor(pipeline, options.zstdLevel())));
            }
            Thread writer = pipeline.start("staging-chunk-writer", sink);
            Thread hashThread = pipeline.start("staging-block-md5s", hasher);
            Thread syncer = pipeline.start("staging-chunk-closer", closer);
            boolean done = false;
            try {
                new SourceReader(source, pipeline, entries, from, hashing ? options.fileHash() : null).run();
                pipeline.join(writer);
                pipeline.join(hashThread);
                pipeline.join(syncer);
                for (int i = 0; i < compressors.size(); i++) {
                    pipeline.toCompress.add(Block.poison());
                }
                for (Thread compressor : compressors) {
                    pipeline.join(compressor);
                }
                done = true;
                return closer.finished();
            } finally {
                if (!done) {
                    pipeline.stop();
                }
                pipeline.release();
            }
        }
    }
}
