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
        validateBlobPath(path, blobPath);
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

    /**
     * "/container/name": the container by Azure's naming rules, a name of 1 to 1024 characters that the drive manifest
     * (XML 1.0) can carry as it is: no control characters (U+0000-U+001F, U+007F-U+009F; XML forbids most of them and
     * changes CR and line breaks when it is read back), no U+FFFE or U+FFFF, no unpaired surrogate (a file name that is
     * not valid UTF-8). Refused here, at planning, before any drive is touched.
     */
    static void validateBlobPath(Path path, String blobPath) {
        if (blobPath == null || !blobPath.startsWith("/")) {
            throw new IllegalArgumentException(path + ": blobPath '" + blobPath + "' must start with /<container>/");
        }
        int slash = blobPath.indexOf('/', 1);
        if (slash < 0) {
            throw new IllegalArgumentException(path + ": blobPath '" + blobPath + "' must be /<container>/<blob name>");
        }
        String container = blobPath.substring(1, slash);
        if (!CONTAINER.matcher(container).matches()) {
            throw new IllegalArgumentException(path + ": blobPath '" + blobPath + "': container '" + container
                    + "' must be 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit");
        }
        String name = blobPath.substring(slash + 1);
        if (name.isEmpty() || name.length() > 1024 || name.endsWith("/")) {
            throw new IllegalArgumentException(path + ": blobPath '" + printable(blobPath)
                    + "': blob name must be 1-1024 characters, not ending with /");
        }
        for (int i = 0; i < blobPath.length(); i++) {
            char c = blobPath.charAt(i);
            String bad = null;
            if (Character.isISOControl(c)) {
                bad = "control character";
            } else if (c == '\uFFFE' || c == '\uFFFF') {
                bad = "non-character";
            } else if (Character.isHighSurrogate(c) && i + 1 < blobPath.length() && Character.isLowSurrogate(blobPath.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                bad = "unpaired surrogate (the name is not valid UTF-8)";
            }
            if (bad != null) {
                throw new IllegalArgumentException(path + ": blob name '" + printable(blobPath) + "' holds the " + bad
                        + String.format(" U+%04X", (int) c) + " at character " + i
                        + ": the drive manifest (XML 1.0) cannot carry it; rename the file without control characters");
            }
        }
    }

    /** The text with control characters, non-characters and lone surrogates shown as \\uXXXX, for messages. */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFE' || c == '\uFFFF' || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                shown.append(String.format("\\u%04X", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }
}
