package io.seedship.driveformat.testing;

import io.seedship.driveformat.plan.SourceFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Source files of chosen sizes with reproducible pseudo-random content. */
public final class DataSets {

    private DataSets() {
    }

    public static Path file(Path dir, String name, long length, long seed) throws IOException {
        Path file = dir.resolve(name);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = length;
            while (left > 0) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
        return file;
    }

    /** Files of the given sizes, as blobs /{container}/name-i. */
    public static List<SourceFile> files(Path dir, String container, long... sizes) throws IOException {
        Files.createDirectories(dir);
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            String name = "chunk-" + i + ".zst";
            Path file = file(dir, name, sizes[i], 1000 + i);
            files.add(SourceFile.of(file, "/" + container + "/seed/" + name, sizes[i]));
        }
        return files;
    }

    public static Path image(Path dir, String name, long size) throws IOException {
        Path image = dir.resolve(name);
        try (var channel = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.allocate(1), size - 1);
        }
        return image;
    }
}
