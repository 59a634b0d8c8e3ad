package io.seedship.staging.chunks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.seedship.stagingformat.ManifestCursor;
import io.seedship.stagingformat.ManifestEntry;
import io.seedship.stagingformat.ManifestException;
import io.seedship.stagingformat.StagingManifest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The entries written so far, one JSON object per line in walk order, with their SHA-256 and stream offset but no
 * segments (those follow from the chunk list when the manifest is written). The journal records its length at each
 * chunk, so a resume cuts it back to the entries that are fully in kept chunks.
 */
final class EntriesFile implements Closeable {

    private final FileChannel channel;
    private final Counting counter;
    private final JsonGenerator generator;

    /** Opens the file for appending after its first {@code keepLength} bytes, dropping anything beyond. */
    EntriesFile(Path file, long keepLength) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long size = channel.size();
        if (size < keepLength) {
            channel.close();
            throw new ManifestException(file + " holds " + size + " bytes but the journal records " + keepLength);
        }
        channel.truncate(keepLength);
        channel.position(keepLength);
        counter = new Counting(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), keepLength);
        generator = StagingManifest.JSON.createGenerator(counter);
        generator.setRootValueSeparator(null);
    }

    void append(ManifestEntry entry) throws IOException {
        entry.write(generator);
        generator.writeRaw('\n');
    }

    /** Hands everything appended to the OS and returns the file's length. */
    long flush() throws IOException {
        generator.flush();
        return counter.count;
    }

    /** Makes the flushed bytes durable; safe to call from another thread than the one appending. */
    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        try {
            generator.close();
            counter.close();
        } finally {
            channel.close();
        }
    }

    /** Streams the first {@code length} bytes of an entries file back as entries. */
    static ManifestCursor<ManifestEntry> read(Path file, long length) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        InputStream limited = new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                left--;
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
        JsonParser parser = StagingManifest.JSON.createParser(limited);
        return new ManifestCursor<>() {
            @Override
            public ManifestEntry next() throws IOException {
                try {
                    JsonToken t = parser.nextToken();
                    return t == null ? null : ManifestEntry.read(parser);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new ManifestException(file + " is damaged: " + e.getOriginalMessage(), e);
                }
            }

            @Override
            public void close() throws IOException {
                parser.close();
                in.close();
            }
        };
    }

    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out, long start) {
            super(out);
            this.count = start;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
