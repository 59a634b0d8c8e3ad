package io.seedship.runtime.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * What a service wrote to its log file ({@code logging.file.name}), including what Logback rolled away: it rolls at
 * midnight and on size, gzipping the old part beside the file, so a test that spans midnight needs those too.
 */
public final class ServiceLogs {

  private ServiceLogs() {
  }

  public static String readAll(Path logFile) {
    String name = logFile.getFileName().toString();
    try (Stream<Path> files = Files.list(logFile.getParent())) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith(name)).sorted().toList()) {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
            : Files.newInputStream(file)) {
          all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      return all.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the logs of " + logFile, e);
    }
  }
}
