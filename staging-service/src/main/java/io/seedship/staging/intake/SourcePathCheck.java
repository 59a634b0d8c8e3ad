package io.seedship.staging.intake;

import static io.seedship.staging.intake.LocalPaths.reason;
import static io.seedship.staging.intake.LocalPaths.shown;

import io.seedship.staging.source.LongPaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The source, in the local mode a directory tree: it must exist and be readable throughout, or the seed would
 * silently leave data out. {@link #check} looks at the directory itself (fast); {@link #walk} walks the tree once,
 * without following links, to find what cannot be read (slow: it visits every entry).
 */
final class SourcePathCheck {

  static final String FIELD = "sourcePath";
  /** Unreadable paths named in the message; the rest are counted. */
  static final int SHOWN = 5;

  private SourcePathCheck() {
  }

  /** The source directory when it exists, is a directory and can be listed; nothing below it is looked at. */
  static Optional<Path> check(String value, Problems problems) {
    Optional<Path> existing = LocalPaths.existingDirectory(FIELD, value, problems,
        "give the directory tree to back up", "in the local mode the source is a directory tree");
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    Path dir = existing.get();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
      // opening it is the test: a directory without read (or search) permission fails here
    } catch (IOException e) {
      problems.add(FIELD, FIELD + " '" + value + "' cannot be read (" + reason(e) + "); give staging-service's"
          + " account read access to it");
      return Optional.empty();
    }
    return Optional.of(dir);
  }

  /**
   * The source directory when nothing below it is unreadable or too long a path to open; otherwise empty after
   * reporting the first few of each with how many there are.
   */
  static Optional<Path> walk(Path dir, String value, Problems problems) {
    Found unreadable = new Found();
    Found tooLong = new Found();
    try {
      // The real path, so a source that is a symbolic link is walked rather than visited as one file.
      Files.walkFileTree(dir.toRealPath(), new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          if (LongPaths.tooLong(file) || e instanceof FileSystemException f
              && "File name too long".equals(f.getReason())) {
            tooLong.add(shown(file) + " (" + LongPaths.bytes(file) + " bytes)");
          } else {
            unreadable.add(shown(file) + " (" + reason(e) + ")");
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      unreadable.add(shown(dir) + " (" + reason(e) + ")");
    }
    String named = FIELD + " '" + value + "'";
    if (unreadable.count > 0) {
      problems.add(FIELD, named + " has " + unreadable.count + (unreadable.count == 1 ? " unreadable path" :
          " unreadable paths") + " below it: " + unreadable.describe() + "; give staging-service's account read"
          + " access to them or move them out of the source");
    }
    if (tooLong.count > 0) {
      problems.add(FIELD, named + " has " + tooLong.count + (tooLong.count == 1 ? " path" : " paths") + " too long"
          + " to open below it: " + tooLong.describe() + "; Linux opens paths of at most " + LongPaths.MAX_BYTES
          + " bytes (PATH_MAX), so they cannot be staged and the seed would lack them. Shorten the directory names"
          + " or move those entries nearer the source's top, then retry");
    }
    return unreadable.count > 0 || tooLong.count > 0 ? Optional.empty() : Optional.of(dir);
  }

  /** The first few paths found with their reasons, and how many there are in all. */
  private static final class Found {

    private final List<String> shown = new ArrayList<>();
    private int count;

    void add(String described) {
      count++;
      if (shown.size() < SHOWN) {
        shown.add(described);
      }
    }

    String describe() {
      String first = shown.stream().collect(Collectors.joining(", "));
      return count > shown.size() ? first + " and " + (count - shown.size()) + " more" : first;
    }
  }
}
