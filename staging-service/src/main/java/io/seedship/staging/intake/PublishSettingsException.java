package io.seedship.staging.intake;

import java.nio.file.Path;

/**
 * A publish-settings file Seedship cannot use. The message names the file and what is wrong with it; it never holds
 * the file's management certificate.
 */
public class PublishSettingsException extends Exception {

  private final transient Path file;
  private final String problem;

  public PublishSettingsException(Path file, String problem) {
    super("publish-settings file '" + file + "' " + problem);
    this.file = file;
    this.problem = problem;
  }

  /** The file the problem is about. */
  public Path file() {
    return file;
  }

  /** What is wrong, without the file's name: "is not well-formed XML ...", so a caller can name it its own way. */
  public String problem() {
    return problem;
  }
}
