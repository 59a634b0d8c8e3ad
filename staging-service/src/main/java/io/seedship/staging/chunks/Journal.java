package io.seedship.staging.chunks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The append-only journal of a staging: one JSON record per line, then a tab and the CRC32C of the JSON as 8 hex
 * digits. A line whose CRC does not match (a write torn by a crash) ends the journal: it and anything after it are
 * ignored and cut off by {@link #truncate}.
 *
 * <p>The journal's channel also holds the staging directory's lock. Every read goes through that one channel, since
 * closing any other descriptor of the file would drop a POSIX lock.
 */
final class Journal implements Closeable {

    static final String FILE_NAME = "staging-journal.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private long length;

    private Journal(Path path, FileChannel channel, FileLock lock) throws IOException {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.length = channel.size();
    }

    /** Opens or creates the journal and locks the staging directory against a second writer. */
    static Journal open(Path stagingDir) throws IOException {
        Path path = stagingDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException(stagingDir + " is being staged by another writer (" + path + " is locked)");
        }
        return new Journal(path, channel, lock);
    }

    Path path() {
        return path;
    }

    long length() {
        return length;
    }

    /** Appends a record and syncs it; the record is durable when this returns. */
    synchronized void append(JournalRecord record) throws IOException {
        byte[] json = JSON.writeValueAsBytes(record);
        CRC32C crc = new CRC32C();
        crc.update(json);
        String suffix = String.format("\t%08x\n", crc.getValue());
        ByteBuffer line = ByteBuffer.allocate(json.length + suffix.length());
        line.put(json).put(suffix.getBytes(StandardCharsets.US_ASCII)).flip();
        while (line.hasRemaining()) {
            length += channel.write(line, length);
        }
        channel.force(false);
    }

    /** Cuts the journal to {@code newLength} bytes (the end of its last good line). */
    synchronized void truncate(long newLength) throws IOException {
        channel.truncate(newLength);
        channel.force(true);
        length = newLength;
    }

    /** Reads the good lines from the start. */
    Cursor read() {
        return new Cursor();
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    /** Reads records up to the first torn or damaged line. */
    final class Cursor {

        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private long filePosition;
        private long goodLength;
        private boolean ended;
        private String problem;

        private Cursor() {
            buffer.flip();
        }

        /** The next good record, or null at the end of the journal or at its first bad line. */
        JournalRecord next() throws IOException {
            if (ended) {
                return null;
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            long start = filePosition;
            while (true) {
                if (!buffer.hasRemaining()) {
                    buffer.clear();
                    int n = channel.read(buffer, filePosition);
                    buffer.flip();
                    if (n <= 0) {
                        if (line.size() > 0) {
                            problem = "torn last line at byte " + start;
                        }
                        ended = true;
                        return null;
                    }
                }
                byte b = buffer.get();
                filePosition++;
                if (b == '\n') {
                    break;
                }
                line.write(b);
            }
            JournalRecord record = parse(line.toByteArray());
            if (record == null) {
                problem = "damaged line at byte " + start;
                ended = true;
                return null;
            }
            goodLength = filePosition;
            return record;
        }

        /** The length of the journal up to the end of the last good line read. */
        long goodLength() {
            return goodLength;
        }

        /** Why reading stopped early, or null. */
        String problem() {
            return problem;
        }

        private JournalRecord parse(byte[] line) {
            int tab = -1;
            for (int i = line.length - 1; i >= 0; i--) {
                if (line[i] == '\t') {
                    tab = i;
                    break;
                }
            }
            if (tab < 0 || line.length - tab - 1 != 8) {
                return null;
            }
            CRC32C crc = new CRC32C();
            crc.update(line, 0, tab);
            String expected = String.format("%08x", crc.getValue());
            if (!expected.equals(new String(line, tab + 1, 8, StandardCharsets.US_ASCII))) {
                return null;
            }
            try {
                return JSON.readValue(line, 0, tab, JournalRecord.class);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
