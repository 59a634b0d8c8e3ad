package io.seedship.stagingformat;

import java.util.List;

/**
 * One chunk file.
 *
 * @param number       1 for chunk-000001.zst
 * @param name         the file name in the staging directory
 * @param size         bytes of the (compressed) chunk file
 * @param md5          format 1 only: MD5 of the whole chunk file, lowercase hex (the blob's Content-MD5 in Base16);
 *                     null in format 2, whose block MD5s cover every byte
 * @param streamOffset where the chunk's uncompressed bytes start in the stream of all chunks
 * @param streamLength the chunk's uncompressed byte count
 * @param blockMd5s    MD5 of each blockBytes block of the chunk file (offsets 0, blockBytes, ...; the last block is
 *                     shorter), lowercase hex; empty when hashing was disabled
 */
public record ManifestChunk(int number, String name, long size, String md5, long streamOffset, long streamLength,
                            List<String> blockMd5s) {

    public ManifestChunk {
        blockMd5s = List.copyOf(blockMd5s);
    }
}
