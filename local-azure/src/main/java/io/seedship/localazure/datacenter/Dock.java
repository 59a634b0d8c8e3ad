package io.seedship.localazure.datacenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The datacenter's intake: shipping a drive locally means putting it here, as a file named by its drive id, either
 * the image file itself or a symbolic link to the device or image ({@code ln -s /dev/sdb <dock>/WD-WCC4N1234567}).
 * {@code <driveId>.img} is taken too. Names compare case-insensitively, as drive ids do in the job API.
 */
final class Dock {

  private final Path dir;

  Dock(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** The drive's device or image, resolved through links; empty when not handed over (or the link is broken). */
  Optional<Path> find(String driveId) {
    String wanted = driveId.toLowerCase(Locale.ROOT);
    for (Path entry : entries()) {
      String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.equals(wanted) || name.equals(wanted + ".img")) {
        try {
          return Optional.of(entry.toRealPath());
        } catch (IOException brokenLink) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** What is in the dock now, by name. */
  List<Path> entries() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
