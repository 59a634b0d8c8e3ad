package io.seedship.cli.config;

import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where Seedship is, in a properties file ({@code --config}, else {@code $SEEDSHIP_CONFIG}, else
 * {@code ~/.seedship/cli.properties}, else the one {@code ./seedship-local} writes in its home):
 * <ul>
 *   <li>{@code tenant-id}, {@code authority-host} (Entra ID's, or local-azure's), {@code api-scope}
 *       (default {@code api://seedship/.default}), and for local-azure {@code trust-store} and
 *       {@code trust-store-password} (its TLS certificate);
 *   <li>{@code url.<service>}: each service's base URL ({@code url.staging-service=http://localhost:8082});
 *   <li>{@code kafka.*}: Kafka client settings without the prefix (bootstrap servers, TLS identity) for reading the
 *       public topics, {@code seedship.seed.status} and {@code seedship.seed.outcomes}.
 * </ul>
 * The file may hold the Kafka identity's key store password: keep it mode 600. The sign-in's token is kept beside
 * it ({@link #tokenFile()}).
 */
public final class CliConfig {

  public static final String DEFAULT_SCOPE = "api://seedship/.default";

  private final Path file;
  private final Properties properties;

  private CliConfig(Path file, Properties properties) {
    this.file = file;
    this.properties = properties;
  }

  /** The first file that exists of: {@code given}, $SEEDSHIP_CONFIG, ~/.seedship/cli.properties, the local run's. */
  public static CliConfig find(Path given) {
    if (given != null) {
      return load(given);
    }
    String fromEnvironment = System.getenv("SEEDSHIP_CONFIG");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return load(Path.of(fromEnvironment));
    }
    Path home = Path.of(System.getProperty("user.home"), ".seedship", "cli.properties");
    if (Files.exists(home)) {
      return load(home);
    }
    String local = System.getProperty("seedship.local-config");
    if (local != null && Files.exists(Path.of(local))) {
      return load(Path.of(local));
    }
    throw new CliFailure(Exit.BAD_INPUT, "no configuration: give --config FILE, set SEEDSHIP_CONFIG, or write " + home
        + " (its keys: README, \"The seedship command\"); ./seedship-local --keep-running writes one for its run");
  }

  public static CliConfig load(Path file) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new CliFailure(Exit.BAD_INPUT, "cannot read the configuration " + file + ": " + e.getMessage());
    }
    return new CliConfig(file.toAbsolutePath(), properties);
  }

  public Path file() {
    return file;
  }

  /** The cached sign-in, next to the configuration (mode 600). */
  public Path tokenFile() {
    return file.resolveSibling(file.getFileName() + ".token");
  }

  public String required(String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new CliFailure(Exit.BAD_INPUT, "the configuration " + file + " has no " + key);
    }
    return value.strip();
  }

  public String optional(String key, String otherwise) {
    String value = properties.getProperty(key);
    return value == null || value.isBlank() ? otherwise : value.strip();
  }

  /** A service's base URL, without a trailing slash. */
  public String url(String service) {
    String url = required("url." + service);
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The Kafka client settings ({@code kafka.*} without the prefix). */
  public Map<String, Object> kafka() {
    Map<String, Object> kafka = new LinkedHashMap<>();
    properties.stringPropertyNames().stream().filter(k -> k.startsWith("kafka."))
        .forEach(k -> kafka.put(k.substring("kafka.".length()), properties.getProperty(k).strip()));
    if (!kafka.containsKey("bootstrap.servers")) {
      throw new CliFailure(Exit.BAD_INPUT, "the configuration " + file + " has no kafka.bootstrap.servers");
    }
    return kafka;
  }
}
