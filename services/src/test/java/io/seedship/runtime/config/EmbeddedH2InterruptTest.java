package io.seedship.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while it writes must not close the embedded database: the work runner interrupts a unit whose
 * lease it lost, and with H2's default file system the interrupt closed the file and so the whole database for every
 * other thread of the service (CI: WorkFlowOnH2Test, "The database has been closed", ClosedByInterruptException).
 */
class EmbeddedH2InterruptTest {

  @TempDir
  Path dir;

  @Test
  void anInterruptedWriterLeavesTheDatabaseOpenForTheOthers() throws Exception {
    String url = SeedshipEnvironmentPostProcessor.embeddedH2Url(dir.toString(), "interrupt-test");
    try (Connection keeper = DriverManager.getConnection(url, "sa", "")) {
      try (Statement s = keeper.createStatement()) {
        s.execute("create table t (id int primary key, payload varchar(4000))");
      }
      Thread writer = new Thread(() -> {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
          c.setAutoCommit(false);
          try (PreparedStatement insert = c.prepareStatement("insert into t values (?, ?)")) {
            for (int i = 0; i < 200; i++) {
              Thread.currentThread().interrupt(); // as WorkRunner does to a unit that lost its lease
              insert.setInt(1, i);
              insert.setString(2, "x".repeat(4000));
              insert.executeUpdate();
              c.commit();
            }
          }
        } catch (Exception expected) {
          // the interrupted writer may fail; the database must not
        }
      });
      writer.start();
      writer.join();

      try (Statement s = keeper.createStatement()) {
        s.execute("insert into t values (100000, 'after')");
        try (ResultSet rs = s.executeQuery("select count(*) from t where id = 100000")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(1);
        }
      }
    }
  }
}
