package io.seedship.staging.md5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Interim scalar version; replaced by the multi-lane one. */
public final class BlockMd5s {

    private final int blockBytes;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);

    private BlockMd5s(int blockBytes) {
        this.blockBytes = blockBytes;
    }

    public static BlockMd5s create(int blockBytes) {
        return new BlockMd5s(blockBytes);
    }

    public static BlockMd5s scalar(int blockBytes) {
        return new BlockMd5s(blockBytes);
    }

    public int lanes() {
        return 1;
    }

    public String description() {
        return "1 lane";
    }

    public List<String> hash(FileChannel file, long from, long to) throws IOException {
        List<String> out = new ArrayList<>();
        try {
            for (long start = from; start < to; start += blockBytes) {
                long end = Math.min(to, start + blockBytes);
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                for (long p = start; p < end; ) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), end - p));
                    int n = file.read(buffer, p);
                    if (n < 0) {
                        throw new IOException("the file ends at " + p + ", before " + to);
                    }
                    md5.update(buffer.flip());
                    p += n;
                }
                out.add(HexFormat.of().formatHex(md5.digest()));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
