package io.seedship.staging.chunks;

import io.seedship.staging.md5.BlockMd5s;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks a chunk file against its recorded size and block MD5s (which cover every byte). */
final class ChunkCheck {

    private ChunkCheck() {
    }

    /** Null when the chunk is as recorded, else what is wrong (naming the file and the first block that differs). */
    static String problem(Path chunk, long size, int blockBytes, List<String> blockMd5s) throws IOException {
        if (!Files.exists(chunk)) {
            return chunk + " is missing";
        }
        long actualSize = Files.size(chunk);
        if (actualSize != size) {
            return chunk + " has " + actualSize + " bytes, the journal records " + size;
        }
        if (blockMd5s.isEmpty()) {
            return null; // staged with hashing disabled: the size is all there is to check
        }
        List<String> actual;
        try (FileChannel channel = FileChannel.open(chunk)) {
            actual = BlockMd5s.create(blockBytes).hash(channel, 0, size);
        }
        if (actual.size() != blockMd5s.size()) {
            return chunk + " has " + actual.size() + " blocks of " + blockBytes + " bytes, " + blockMd5s.size()
                    + " block MD5s are recorded";
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!actual.get(i).equalsIgnoreCase(blockMd5s.get(i))) {
                return chunk + " block " + i + " (bytes " + (long) i * blockBytes + " to "
                        + Math.min(size, (long) (i + 1) * blockBytes) + ") has MD5 " + actual.get(i) + ", "
                        + blockMd5s.get(i) + " is recorded";
            }
        }
        return null;
    }
}
