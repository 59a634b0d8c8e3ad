package io.seedship.staging.intake;

import io.seedship.staging.source.LongPaths;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Turning request strings into paths and I/O failures into short reasons for messages. */
final class LocalPaths {

  private LocalPaths() {
  }

  /**
   * The path of a field's value; empty after reporting why the value is not a path. It must be absolute: a relative
   * path would be resolved against staging-service's working directory, which the operator neither sees nor chose.
   */
  static Optional<Path> parse(String field, String value, Problems problems) {
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      problems.add(field, field + " '" + value + "' is not a valid path (" + e.getReason() + "); give the path"
          + " as staging-service's host sees it");
      return Optional.empty();
    }
    if (!path.isAbsolute()) {
      problems.add(field, field + " '" + value + "' is a relative path; " + field + " must be an absolute path (such"
          + " as /srv/seedship/...), as staging-service's host sees it");
      return Optional.empty();
    }
    return Optional.of(path);
  }

  /** The value as an absolute path, or empty when it is none (without a word: {@link #parse} reports that). */
  static Optional<Path> absolute(String value) {
    try {
      Path path = Path.of(value);
      return path.isAbsolute() ? Optional.of(path) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * The path of a field's value when it names an existing directory; empty after reporting what is wrong, with the
   * field's own advice for a missing path and for one that is not a directory.
   */
  static Optional<Path> existingDirectory(String field, String value, Problems problems, String whenMissing,
                                          String whenNotADirectory) {
    Optional<Path> parsed = parse(field, value, problems);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Path dir = parsed.get();
    String named = field + " '" + value + "'";
    if (!Files.exists(dir)) {
      problems.add(field, named + " does not exist; " + whenMissing);
      return Optional.empty();
    }
    if (!Files.isDirectory(dir)) {
      problems.add(field, named + " is not a directory; " + whenNotADirectory);
      return Optional.empty();
    }
    return parsed;
  }

  /** "permission denied", "Operation not permitted", ...: why an operation failed, without the path again. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** The path for a message, its middle cut when it is very long. */
  static String shown(Path path) {
    return LongPaths.shown(path.toString());
  }
}
