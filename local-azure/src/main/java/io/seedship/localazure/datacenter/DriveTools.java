package io.seedship.localazure.datacenter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The independent readers the datacenter opens drives with: {@code dislocker-file} (Debian package dislocker) and
 * the ntfs-3g tools {@code ntfsls} and {@code ntfscat}. They live in sbin on some systems, outside a service's PATH.
 */
final class DriveTools {

  static final List<String> NEEDED = List.of("dislocker-file", "ntfsls", "ntfscat");
  private static final List<String> DIRS = List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin");

  private DriveTools() {
  }

  static String locate(String tool) {
    for (String dir : DIRS) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return tool;
  }

  /** The tools missing on this machine (empty when all are there). */
  static List<String> missing() {
    return NEEDED.stream().filter(t -> DIRS.stream().noneMatch(d -> Files.isExecutable(Path.of(d, t)))).toList();
  }
}
