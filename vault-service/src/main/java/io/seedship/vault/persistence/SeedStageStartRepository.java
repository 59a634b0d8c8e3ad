package io.seedship.vault.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SeedStageStartRepository extends CrudRepository<SeedStageStart, String> {

  List<SeedStageStart> findBySeedIdOrderByStartedAt(String seedId);
}
