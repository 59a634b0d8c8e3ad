package io.seedship.staging.source;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Paths too long to open. Linux refuses a path of PATH_MAX (4096) bytes or more, its terminating NUL included, with
 * "File name too long", whatever the permissions; such an entry cannot be read, so Seedship refuses a source holding
 * one (it would leave data out) rather than skip it.
 */
public final class LongPaths {

  /** The longest path, in bytes of UTF-8, that Linux opens: PATH_MAX (4096) less the terminating NUL. */
  public static final int MAX_BYTES = 4095;
  /** Paths longer than this are shortened in messages: enough to find them, not a screenful. */
  private static final int SHOWN_LENGTH = 160;

  private LongPaths() {
  }

  /** The path's length as the system counts it: bytes of UTF-8. */
  public static int bytes(Path path) {
    return path.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  public static boolean tooLong(Path path) {
    return bytes(path) > MAX_BYTES;
  }

  /** The path for a message, its middle cut when it is very long. */
  public static String shown(String path) {
    if (path.length() <= SHOWN_LENGTH) {
      return path;
    }
    return path.substring(0, 60) + "..." + path.substring(path.length() - 90);
  }

  /** "the path is 4310 bytes long, more than the 4095 bytes Linux opens": the rule, for a message. */
  public static String rule(Path path) {
    return "the path is " + bytes(path) + " bytes long, more than the " + MAX_BYTES + " bytes Linux can open"
        + " (PATH_MAX)";
  }
}
