package io.seedship.staging.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StagedSeedRepository extends CrudRepository<StagedSeed, String> {

  boolean existsByImportJobNameKey(String importJobNameKey);

  List<StagedSeed> findByStateAndOwner(StagingState state, String owner);

  List<StagedSeed> findByState(StagingState state);

  /** Claims a ready seed for one writer; 1 when this caller won it. */
  @Query("update staged_seed set state = 'WRITING', owner = :owner, started_at = :at "
      + "where seed_id = :seedId and state = 'READY'")
  int claim(String seedId, String owner, Instant at);
}
