package io.seedship.driveformat.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The append-only record of a drive being written, kept on the copy machine (not on the drive) so that a writer killed
 * or cut off by a power loss resumes where it stopped. Each line carries a CRC-32C; a torn last line is ignored. A line
 * is only appended once what it records is on the drive and synced, so everything the journal says is done, is.
 * It holds offsets, hashes and states: never a key or a password.
 */
public final class DriveJournal implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final List<String[]> entries;

    private DriveJournal(Path file, FileChannel channel, List<String[]> entries) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    /** Opens the journal, reading what it holds, or creates an empty one. */
    public static DriveJournal open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String[]> entries = new ArrayList<>();
        long valid = 0;
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                    String[] entry = parse(line);
                    if (entry == null) {
                        break;
                    }
                    entries.add(entry);
                    start = i + 1;
                    valid = start;
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        channel.truncate(valid);
        channel.position(valid);
        return new DriveJournal(file, channel, entries);
    }

    public Path file() {
        return file;
    }

    /** Every entry, oldest first: each an array of fields, the first one its kind. */
    public List<String[]> entries() {
        return List.copyOf(entries);
    }

    public List<String[]> entries(String kind) {
        return entries.stream().filter(e -> e[0].equals(kind)).toList();
    }

    public boolean has(String kind) {
        return entries.stream().anyMatch(e -> e[0].equals(kind));
    }

    /** Appends and syncs one entry. Fields must not contain blanks or line breaks. */
    public void append(String kind, String... fields) throws IOException {
        String[] entry = new String[fields.length + 1];
        entry[0] = kind;
        System.arraycopy(fields, 0, entry, 1, fields.length);
        StringBuilder line = new StringBuilder();
        for (String field : entry) {
            if (field.isEmpty() || field.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("journal field '" + field + "' must be non-empty without blanks");
            }
            line.append(field).append(' ');
        }
        line.append(crc(line.toString())).append('\n');
        ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
        entries.add(entry);
    }

    /** Forgets everything: the drive is started over. */
    public void reset() throws IOException {
        channel.truncate(0);
        channel.position(0);
        channel.force(true);
        entries.clear();
    }

    private static String[] parse(String line) {
        int last = line.lastIndexOf(' ');
        if (last < 0) {
            return null;
        }
        String body = line.substring(0, last + 1);
        if (!crc(body).equals(line.substring(last + 1))) {
            return null;
        }
        return body.strip().split(" ");
    }

    private static String crc(String body) {
        CRC32C crc = new CRC32C();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
