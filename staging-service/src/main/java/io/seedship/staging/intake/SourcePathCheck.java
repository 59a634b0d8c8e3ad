package io.seedship.staging.intake;

import static io.seedship.staging.intake.LocalPaths.reason;
import static io.seedship.staging.intake.LocalPaths.shown;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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
 * silently leave data out. The tree is walked once, without following links, to find what cannot be read.
 */
final class SourcePathCheck {

  static final String FIELD = "sourcePath";
  /** Unreadable paths named in the message; the rest are counted. */
  static final int SHOWN = 5;

  private SourcePathCheck() {
  }

  /** The source directory when it is valid: an existing, readable directory with nothing unreadable below it. */
  static Optional<Path> check(String value, Problems problems) {
    Optional<Path> existing = LocalPaths.existingDirectory(FIELD, value, problems,
        "give the directory tree to back up", "in the local mode the source is a directory tree");
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    Path dir = existing.get();
    String named = FIELD + " '" + value + "'";
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
      // opening it is the test: a directory without read (or search) permission fails here
    } catch (IOException e) {
      problems.add(FIELD, named + " cannot be read (" + reason(e) + "); give staging-service's account read access"
          + " to it");
      return Optional.empty();
    }
    Unreadable unreadable = scan(dir);
    if (unreadable.count > 0) {
      problems.add(FIELD, named + " has " + unreadable.count + (unreadable.count == 1 ? " unreadable path" :
          " unreadable paths") + " below it: " + unreadable.describe() + "; give staging-service's account read"
          + " access to them or move them out of the source");
      return Optional.empty();
    }
    return Optional.of(dir);
  }

  private static Unreadable scan(Path dir) {
    Unreadable unreadable = new Unreadable();
    try {
      // The real path, so a source that is a symbolic link is walked rather than visited as one file.
      Files.walkFileTree(dir.toRealPath(), new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          unreadable.add(file, e);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      unreadable.add(dir, e);
    }
    return unreadable;
  }

  /** The first few unreadable paths with their reasons, and how many there are in all. */
  private static final class Unreadable {

    private final List<String> shown = new ArrayList<>();
    private int count;

    void add(Path path, IOException e) {
      count++;
      if (shown.size() < SHOWN) {
        shown.add(shown(path) + " (" + reason(e) + ")");
      }
    }

    String describe() {
      String first = shown.stream().collect(Collectors.joining(", "));
      return count > shown.size() ? first + " and " + (count - shown.size()) + " more" : first;
    }
  }
}
