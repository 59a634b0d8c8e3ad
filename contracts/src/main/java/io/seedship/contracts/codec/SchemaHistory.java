package io.seedship.contracts.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every published version of every message schema, kept as standalone (fully inlined) {@code .avsc} files at
 * {@code avro-history/<full name>/v<N>.avsc}, in the jar and in {@code contracts/src/main/resources}.
 * The codec reads records written with any of them; the compatibility test checks the current schema against all.
 */
public final class SchemaHistory {

  public static final String ROOT = "avro-history";

  private SchemaHistory() {
  }

  public static String resourcePath(String fullName, int version) {
    return ROOT + "/" + fullName + "/v" + version + ".avsc";
  }

  /** Versions v1..vN of a schema from the classpath, oldest first; empty when none is kept. */
  public static List<Schema> fromClasspath(String fullName, ClassLoader loader) {
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      try (InputStream in = loader.getResourceAsStream(resourcePath(fullName, v))) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resourcePath(fullName, v), e);
      }
    }
  }

  /** Versions v1..vN of a schema from a history directory on disk (the source tree), oldest first. */
  public static List<Schema> fromDirectory(Path historyRoot, String fullName) {
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      Path file = historyRoot.resolve(fullName).resolve("v" + v + ".avsc");
      if (!Files.isRegularFile(file)) {
        return versions;
      }
      try {
        versions.add(new Schema.Parser().parse(file.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }
}
