package io.seedship.cli.keys;

import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Where a handed-out secret goes: a new file, mode 600 from its creation; never over an existing file. */
final class SecretFiles {

  private SecretFiles() {
  }

  static void write(Path file, byte[] secret, String option) {
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(secret);
      }
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure(Exit.BAD_INPUT, option + " " + file + " exists: a secret is never written over a file;"
          + " name a new one");
    } catch (IOException e) {
      throw new CliFailure(Exit.FAILED, option + " " + file + ": " + e.getMessage());
    }
  }
}
