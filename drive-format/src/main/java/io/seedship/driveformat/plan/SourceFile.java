package io.seedship.driveformat.plan;

import io.seedship.driveformat.manifest.DriveManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A staged file that becomes one block blob.
 *
 * @param blockMd5s the Base16 MD5 of each 4 MiB block when the stage that produced the file computed them (staging does,
 *                  so each byte is hashed once); null to hash while writing
 */
public record SourceFile(Path path, String blobPath, long length, List<String> blockMd5s) {

    private static final Pattern CONTAINER = Pattern.compile("(?=.{3,63}$)[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]");

    public SourceFile {
        if (path == null) {
            throw new IllegalArgumentException("source path must be given");
        }
        validateBlobPath(blobPath);
        if (length < 0) {
            throw new IllegalArgumentException(path + ": length must not be negative");
        }
        if (blockMd5s != null) {
            blockMd5s = List.copyOf(blockMd5s);
            if (blockMd5s.size() != blockCount(length)) {
                throw new IllegalArgumentException(path + ": " + blockMd5s.size() + " block MD5s given for " + blockCount(length)
                        + " blocks of " + DriveManifest.MAX_BLOCK_SIZE + " bytes");
            }
            for (String md5 : blockMd5s) {
                if (!md5.matches("[0-9A-F]{32}")) {
                    throw new IllegalArgumentException(path + ": block MD5s must be 32 upper-case hex digits");
                }
            }
        }
    }

    public static SourceFile of(Path path, String blobPath, long length) {
        return new SourceFile(path, blobPath, length, null);
    }

    public static int blockCount(long length) {
        return (int) ((length + DriveManifest.MAX_BLOCK_SIZE - 1) / DriveManifest.MAX_BLOCK_SIZE);
    }

    public int blockCount() {
        return blockCount(length);
    }

    /** "/container/name": the container by Azure's naming rules, a name of 1 to 1024 characters. */
    static void validateBlobPath(String blobPath) {
        if (blobPath == null || !blobPath.startsWith("/")) {
            throw new IllegalArgumentException("blobPath '" + blobPath + "' must start with /<container>/");
        }
        int slash = blobPath.indexOf('/', 1);
        if (slash < 0) {
            throw new IllegalArgumentException("blobPath '" + blobPath + "' must be /<container>/<blob name>");
        }
        String container = blobPath.substring(1, slash);
        if (!CONTAINER.matcher(container).matches()) {
            throw new IllegalArgumentException("blobPath '" + blobPath + "': container '" + container
                    + "' must be 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit");
        }
        String name = blobPath.substring(slash + 1);
        if (name.isEmpty() || name.length() > 1024 || name.endsWith("/")) {
            throw new IllegalArgumentException("blobPath '" + blobPath + "': blob name must be 1-1024 characters, not ending with /");
        }
    }
}
