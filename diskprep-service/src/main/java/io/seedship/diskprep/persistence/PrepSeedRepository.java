package io.seedship.diskprep.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PrepSeedRepository extends CrudRepository<PrepSeed, String> {

  List<PrepSeed> findByState(PrepState state);

  /** The seed's row, which its work was scheduled with: missing only if the database was replaced meanwhile. */
  default PrepSeed require(String seedId) {
    return findById(seedId).orElseThrow(() -> new IllegalStateException("seed " + seedId
        + " has no row in this copy machine's database (was it replaced?)"));
  }
}
