package io.seedship.staging.chunks;

import io.seedship.stagingformat.StagingManifest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files of a staging directory and the few operations on them. */
final class StagingDirectory {

    static final String ENTRIES_FILE = "staging-entries.jsonl";
    private static final String TEMP = ".tmp";
    private static final Pattern CHUNK = Pattern.compile("chunk-(\\d{6,})\\.zst(\\.tmp)?");

    private final Path dir;

    StagingDirectory(Path dir) {
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    Path chunk(int number) {
        return dir.resolve(StagingManifest.chunkName(number));
    }

    Path chunkTemp(int number) {
        return dir.resolve(StagingManifest.chunkName(number) + TEMP);
    }

    Path entries() {
        return dir.resolve(ENTRIES_FILE);
    }

    Path manifest() {
        return dir.resolve(StagingManifest.FILE_NAME);
    }

    Path hashFile() {
        return dir.resolve(StagingManifest.HASH_FILE_NAME);
    }

    Path temp(Path file) {
        return file.resolveSibling(file.getFileName() + TEMP);
    }

    boolean isComplete() {
        return Files.exists(manifest());
    }

    /** Deletes chunk files numbered above {@code last} and every unfinished chunk; returns how many went. */
    int deleteChunksAfter(int last) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "chunk-*")) {
            for (Path file : files) {
                Matcher m = CHUNK.matcher(file.getFileName().toString());
                if (m.matches() && (m.group(2) != null || Long.parseLong(m.group(1)) > last)) {
                    Files.delete(file);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Removes what a previous staging left, before starting over. */
    void clear() throws IOException {
        deleteChunksAfter(0);
        Files.deleteIfExists(entries());
        Files.deleteIfExists(temp(manifest()));
        Files.deleteIfExists(temp(hashFile()));
        Files.deleteIfExists(hashFile());
        sync();
    }

    /** Renames a synced temp file into place and makes the rename durable. */
    void commit(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        sync();
    }

    /** Syncs the directory, so renames and deletions survive a power loss (a no-op where directories cannot be opened). */
    void sync() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (Files.isDirectory(dir) && System.getProperty("os.name").startsWith("Windows")) {
                return; // Windows cannot open a directory as a channel; its renames are journaled by NTFS
            }
            throw e;
        }
    }
}
