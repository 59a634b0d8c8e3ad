package io.seedship.diskprep.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PrepSeedRepository extends CrudRepository<PrepSeed, String> {

  List<PrepSeed> findByState(PrepState state);

  /**
   * The seed's row, locked until the transaction ends: a cancel and the seed's work decide on its state one at a time.
   * Taken after the seed's work rows (a work's finish locks its own row first, a cancel stops the work first), so the
   * two never wait on each other in a cycle.
   */
  Optional<PrepSeed> findByIdForUpdate(String seedId);

  /** The seed's row, which its work was scheduled with: missing only if the database was replaced meanwhile. */
  default PrepSeed require(String seedId) {
    return findById(seedId).orElseThrow(() -> new IllegalStateException("seed " + seedId
        + " has no row in this copy machine's database (was it replaced?)"));
  }
}
