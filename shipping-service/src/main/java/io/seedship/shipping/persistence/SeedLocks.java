package io.seedship.shipping.persistence;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Serialises the handlings of one seed across topics: a seed's RegisterShipment (commands) and its ImportJobCreated
 * (disk-prep events) are consumed by different containers at once, and under read committed neither would see the
 * other's uncommitted rows. Each handling locks the seed's row first; the first of two racing inserts wins and the
 * other fails on the key, is redelivered and then finds the row.
 */
public class SeedLocks {

  private final JdbcTemplate jdbc;

  public SeedLocks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Holds the seed's lock until the caller's transaction ends. */
  public void lock(String seedId) {
    if (jdbc.update("update shipping_seed set seed_id = seed_id where seed_id = ?", seedId) == 0) {
      jdbc.update("insert into shipping_seed (seed_id) values (?)", seedId);
    }
  }
}
