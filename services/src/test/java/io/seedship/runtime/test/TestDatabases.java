package io.seedship.runtime.test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** Fresh databases for tests: an H2 file (the embedded default) or a new PostgreSQL database on 127.0.0.1. */
public final class TestDatabases {

  public static final String POSTGRES_HOST = System.getenv().getOrDefault("SEEDSHIP_TEST_PG_HOST", "127.0.0.1");
  public static final int POSTGRES_PORT = Integer.parseInt(System.getenv().getOrDefault("SEEDSHIP_TEST_PG_PORT", "5432"));
  public static final String POSTGRES_USER = System.getenv().getOrDefault("SEEDSHIP_TEST_PG_USER", "postgres");
  public static final String POSTGRES_PASSWORD = System.getenv().getOrDefault("SEEDSHIP_TEST_PG_PASSWORD", "");

  private TestDatabases() {
  }

  /** Spring properties for a new H2 file database under a temporary directory. */
  public static Map<String, Object> h2(String name) {
    try {
      Path dir = Files.createTempDirectory("seedship-" + name);
      return Map.of("seedship.data-dir", dir.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Spring properties for a new PostgreSQL database. Without a server the test is skipped, unless
   * SEEDSHIP_REQUIRE_POSTGRES=true (CI), where it fails.
   */
  public static Map<String, Object> postgres(String name) {
    boolean required = Boolean.parseBoolean(System.getenv("SEEDSHIP_REQUIRE_POSTGRES"));
    if (!reachable()) {
      if (required) {
        throw new IllegalStateException("PostgreSQL is required (SEEDSHIP_REQUIRE_POSTGRES=true) but nothing listens on "
            + POSTGRES_HOST + ":" + POSTGRES_PORT);
      }
      Assumptions.abort("no PostgreSQL on " + POSTGRES_HOST + ":" + POSTGRES_PORT + "; run .ci/run to start one");
    }
    String db = (name.replaceAll("[^a-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8));
    String admin = "jdbc:postgresql://" + POSTGRES_HOST + ":" + POSTGRES_PORT + "/postgres";
    try (var c = DriverManager.getConnection(admin, POSTGRES_USER, POSTGRES_PASSWORD); var s = c.createStatement()) {
      s.execute("create database " + db);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create PostgreSQL database " + db + ": " + e.getMessage(), e);
    }
    return Map.of(
        "spring.datasource.url", "jdbc:postgresql://" + POSTGRES_HOST + ":" + POSTGRES_PORT + "/" + db,
        "spring.datasource.username", POSTGRES_USER,
        "spring.datasource.password", POSTGRES_PASSWORD);
  }

  static boolean reachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(POSTGRES_HOST, POSTGRES_PORT), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
