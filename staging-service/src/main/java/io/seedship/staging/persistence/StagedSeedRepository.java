package io.seedship.staging.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StagedSeedRepository extends CrudRepository<StagedSeed, String> {

  boolean existsByImportJobNameKey(String importJobNameKey);

  List<StagedSeed> findByState(StagingState state);
}
