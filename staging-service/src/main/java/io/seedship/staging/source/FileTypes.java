package io.seedship.staging.source;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What kind of file a path is, in words for messages: "regular file", "fifo", "character device", ... */
public final class FileTypes {

  static final int S_IFMT = 0170000;
  static final int S_IFDIR = 0040000;
  static final int S_IFREG = 0100000;
  static final int S_IFLNK = 0120000;
  static final int S_IFIFO = 0010000;
  static final int S_IFSOCK = 0140000;
  static final int S_IFCHR = 0020000;
  static final int S_IFBLK = 0060000;

  public static final String REGULAR_FILE = "regular file";
  public static final String DIRECTORY = "directory";

  private FileTypes() {
  }

  /** The file type of a POSIX mode (st_mode): "regular file", "directory", "symlink", "fifo", "socket", ... */
  static String name(int mode) {
    return switch (mode & S_IFMT) {
      case S_IFREG -> REGULAR_FILE;
      case S_IFDIR -> DIRECTORY;
      case S_IFLNK -> "symlink";
      case S_IFIFO -> "fifo";
      case S_IFSOCK -> "socket";
      case S_IFCHR -> "character device";
      case S_IFBLK -> "block device";
      default -> "unknown file type " + Integer.toOctalString(mode & S_IFMT);
    };
  }

  /**
   * The type of what {@code path} names, examined without opening it (opening a fifo blocks until a writer comes).
   *
   * @param options {@link LinkOption#NOFOLLOW_LINKS} to describe a symlink itself; by default links are followed
   */
  public static String of(Path path, LinkOption... options) throws IOException {
    if (path.getFileSystem().equals(FileSystems.getDefault())
        && FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
      return name((Integer) Files.getAttribute(path, "unix:mode", options));
    }
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, options);
    return a.isRegularFile() ? REGULAR_FILE : a.isDirectory() ? DIRECTORY : a.isSymbolicLink() ? "symlink"
        : "special file (not a regular file, directory or symlink)";
  }
}
