package io.seedship.vault.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface VaultRecoveryPointRepository extends CrudRepository<VaultRecoveryPoint, String> {
}
